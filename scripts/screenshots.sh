#!/usr/bin/env bash
# Saves the README's pictures of the staff pages (the letters page, a letter's page and the compose form, at 1280 and
# 390 px wide) into docs/screenshots/, from the real local stack: it runs the browser test that takes them
# (LetterPagesTests.Pages_At390PixelsWide..., the failed-delivery one for the delivery table, and the /verify answers) through ./test.sh, which starts its own Azurite, smtp4dev and sign-in provider.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$root/docs/screenshots"
cd "$root"
CIRCULATION_SCREENSHOTS_DIR="$root/docs/screenshots" \
CIRCULATION_TEST_FILTER="FullyQualifiedName~LetterPagesTests.Pages_At390PixelsWide|FullyQualifiedName~LetterPagesTests.LetterPage_AMissionsServerRefused|FullyQualifiedName~VerificationBrowserTests.DroppingTheSignedPdf" ./test.sh
ls -l "$root/docs/screenshots"
