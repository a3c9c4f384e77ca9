#!/bin/sh
# Generates the first link-signing key (32 random bytes, base64) into the azd environment when it has none.
# It goes to Key Vault as a secret on `azd provision`; rotating it is described in the README.
set -eu
if [ -z "$(azd env get-value LINK_SIGNING_KEY 2>/dev/null || true)" ]; then
    azd env set LINK_SIGNING_KEY "$(head -c 32 /dev/urandom | base64)"
    echo "Generated a link-signing key into the azd environment (LINK_SIGNING_KEY)."
fi
