#!/usr/bin/env bash
# Builds Circulation and runs every test project (the integration tests beside the others, see "Tests" below) against a
# throw-away stack: its own Azurite (fresh data directory) and smtp4dev (in-memory) on test ports, stopped on exit.
# Installs what is missing first (apt: chromium, poppler-utils; Azurite and smtp4dev into the repo).
# Ends with one line "Tests: N passed, M failed[, K skipped]" and exits non-zero on any failure.
#
# Ports (environment, with defaults; a default that is taken moves up by 10 until free):
#   CIRCULATION_TEST_AZURITE_BLOB_PORT=25000 CIRCULATION_TEST_AZURITE_QUEUE_PORT=25001
#   CIRCULATION_TEST_AZURITE_TABLE_PORT=25002 CIRCULATION_TEST_SMTP_PORT=2925
#   CIRCULATION_TEST_SMTP4DEV_WEB_PORT=5380 CIRCULATION_TEST_IDP_PORT=7373 (the local sign-in provider)
#   CIRCULATION_TEST_TSA_PORT=7374 (the local timestamp authority; the development PKI is in .local/pki; its last
#   digit differs from the sign-in provider's, so the two never move onto the same port)
# Other knobs: CIRCULATION_TEST_FILTER (a dotnet test --filter), CIRCULATION_TEST_KEEP=1 (keep the
# temporary directory with the Azurite/smtp4dev logs even when everything passes).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$REPO"
# shellcheck source=scripts/stack.sh
source "$REPO/scripts/stack.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
START_SECONDS=$SECONDS
log() { printf '[test] %s\n' "$*" >&2; }

# --- Prerequisites -----------------------------------------------------------------------------------
# Debian packages, only when missing: chromium (browser tests), poppler-utils (pdftotext/pdfsig for
# PDF checks), libnss3-tools (certutil: the NSS database pdfsig trusts the development CA from), Node.js and npm
# (Azurite) if the machine has none.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v pdfsig >/dev/null 2>&1 || missing+=(poppler-utils)
command -v certutil >/dev/null 2>&1 || missing+=(libnss3-tools)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
    sudo=()
    ((EUID == 0)) || sudo=(sudo)
    log "Installing ${missing[*]} with apt-get"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi
install_tools
install_bicep

# --- Infrastructure templates ---------------------------------------------------------------------------
# infra/ must compile and lint without a single warning (the linter's own exit code ignores warnings).
log "Compiling and linting infra/ (Bicep $BICEP_VERSION)"
bicep_output="$("$BICEP_BIN" build "$REPO/infra/main.bicep" --stdout 2>&1 >/dev/null; "$BICEP_BIN" lint "$REPO/infra/main.bicep" 2>&1)" || {
    printf '%s\n' "$bicep_output" >&2
    log "bicep build/lint failed"
    echo "Tests: 0 passed, 1 failed"
    exit 1
}
if [[ -n "$bicep_output" ]]; then
    printf '%s\n' "$bicep_output" >&2
    log "bicep build/lint reported warnings; infra/ must be clean"
    echo "Tests: 0 passed, 1 failed"
    exit 1
fi
export CIRCULATION_TEST_BICEP="$BICEP_BIN"

# --- Build ------------------------------------------------------------------------------------------
log "Building Circulation.sln (Release)"
dotnet build Circulation.sln -c Release --nologo -v quiet -clp:NoSummary -clp:ErrorsOnly

# --- Ports ------------------------------------------------------------------------------------------
# pick_ports NAME... : each NAME is a variable with a default; when none was set explicitly and any
# port of the group is taken, the whole group moves up by 10 (up to 9 times) so parallel runs coexist.
pick_ports() {
    local explicit="$1" shift_by=0 name busy
    shift
    for ((try = 0; try < 10; try++)); do
        busy=0
        for name in "$@"; do
            port_in_use "$((${!name} + shift_by))" && busy=1
        done
        ((busy == 0)) && break
        [[ "$explicit" == 1 ]] && break
        shift_by=$((shift_by + 10))
    done
    for name in "$@"; do
        printf -v "$name" '%s' "$((${!name} + shift_by))"
    done
}
azurite_explicit=0 smtp_explicit=0
[[ -n "${CIRCULATION_TEST_AZURITE_BLOB_PORT:-}${CIRCULATION_TEST_AZURITE_QUEUE_PORT:-}${CIRCULATION_TEST_AZURITE_TABLE_PORT:-}" ]] && azurite_explicit=1
[[ -n "${CIRCULATION_TEST_SMTP_PORT:-}${CIRCULATION_TEST_SMTP4DEV_WEB_PORT:-}" ]] && smtp_explicit=1
BLOB_PORT="${CIRCULATION_TEST_AZURITE_BLOB_PORT:-25000}"
QUEUE_PORT="${CIRCULATION_TEST_AZURITE_QUEUE_PORT:-25001}"
TABLE_PORT="${CIRCULATION_TEST_AZURITE_TABLE_PORT:-25002}"
SMTP_PORT="${CIRCULATION_TEST_SMTP_PORT:-2925}"
WEB_PORT="${CIRCULATION_TEST_SMTP4DEV_WEB_PORT:-5380}"
pick_ports "$azurite_explicit" BLOB_PORT QUEUE_PORT TABLE_PORT
pick_ports "$smtp_explicit" SMTP_PORT WEB_PORT
IDP_PORT="${CIRCULATION_TEST_IDP_PORT:-7373}"
pick_ports "$([[ -n "${CIRCULATION_TEST_IDP_PORT:-}" ]] && echo 1 || echo 0)" IDP_PORT
TSA_PORT="${CIRCULATION_TEST_TSA_PORT:-7374}"
pick_ports "$([[ -n "${CIRCULATION_TEST_TSA_PORT:-}" ]] && echo 1 || echo 0)" TSA_PORT
ensure_ports_free CIRCULATION_TEST_AZURITE_BLOB_PORT="$BLOB_PORT" CIRCULATION_TEST_AZURITE_QUEUE_PORT="$QUEUE_PORT" \
    CIRCULATION_TEST_AZURITE_TABLE_PORT="$TABLE_PORT" CIRCULATION_TEST_SMTP_PORT="$SMTP_PORT" \
    CIRCULATION_TEST_SMTP4DEV_WEB_PORT="$WEB_PORT" CIRCULATION_TEST_IDP_PORT="$IDP_PORT" CIRCULATION_TEST_TSA_PORT="$TSA_PORT"

# --- Stack and clean-up -----------------------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/circulation-test.XXXXXX")"
PID_DIR="$WORK/pids"
mkdir -p "$PID_DIR"
AZURITE_PID="" SMTP4DEV_PID="" IDP_PID="" TSA_PID="" TEST_PID="" STATUS=1

# Stops, by PID, whatever this run started: the test run's process group if it is still running
# (interrupted), local hosts a crashed test run left behind, then smtp4dev and Azurite.
cleanup() {
    trap '' INT TERM
    if [[ -n "$TEST_PID" ]] && kill -0 "$TEST_PID" 2>/dev/null; then
        log "Stopping the test run (process group $TEST_PID)"
        kill -TERM -- "-$TEST_PID" 2>/dev/null || true
        sleep 2
        kill -KILL -- "-$TEST_PID" 2>/dev/null || true
        wait "$TEST_PID" 2>/dev/null || true
    fi
    local file pid
    for file in "$PID_DIR"/*.pid; do
        [[ -e "$file" ]] || continue
        pid="$(<"$file")"
        if [[ "$pid" =~ ^[0-9]+$ ]] && grep -qsE "Circulation.(LocalHost|IdentityProvider).dll" "/proc/$pid/cmdline"; then
            log "Stopping leftover test process $pid"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    stop_pid "$IDP_PID" "identity provider" 15
    stop_pid "$TSA_PID" "timestamp authority" 15
    stop_pid "$SMTP4DEV_PID" smtp4dev 15
    stop_pid "$AZURITE_PID" Azurite 30
    if [[ "$STATUS" == 0 && "${CIRCULATION_TEST_KEEP:-0}" != 1 ]]; then
        rm -rf "$WORK"
    else
        log "Azurite/smtp4dev/timestamp authority logs and test results kept in $WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log "Starting Azurite ($BLOB_PORT-$TABLE_PORT) and smtp4dev (SMTP $SMTP_PORT, web $WEB_PORT) in $WORK"
start_azurite "$WORK/azurite" "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT" "$WORK/azurite.log"
# smtp4dev in memory (--db=), IMAP and POP3 off, keeping the newest 2000 messages: the integration tests send thousands (most of
# them mission copies with the PDF), and smtp4dev slows as it holds more (its searches and its SMTP side share one
# database lock), while no test needs a message more than a few minutes old.
mkdir -p "$WORK/smtp4dev"
start_in_own_session "$SMTP4DEV_BIN" --urls="http://127.0.0.1:$WEB_PORT" --smtpport="$SMTP_PORT" --imapport= --pop3port= \
    --bindaddress=127.0.0.1 --disableipv6 --db= --nousersettings --messagestokeep=2000 \
    --baseappdatapath="$WORK/smtp4dev" >>"$WORK/smtp4dev.log" 2>&1
SMTP4DEV_PID=$STACK_PID
# The local sign-in provider, for the people of the staff directory; test hosts run on random ports.
IDP_SECRET="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
start_identity_provider "$IDP_PORT" circulation-tests "$IDP_SECRET" "http://127.0.0.1:7071" "$WORK/identity-provider.log" true
# The development PKI (made once into .local/pki, reused while valid) and the timestamp authority the hosts sign with.
PKI_DIR="$REPO/.local/pki"
ensure_development_pki "$PKI_DIR"
start_timestamp_authority "$TSA_PORT" "$PKI_DIR" "$WORK/timestamp-authority.log"
wait_for_port "$BLOB_PORT" 60 "$AZURITE_PID" Azurite
wait_for_port "$QUEUE_PORT" 30 "$AZURITE_PID" Azurite
wait_for_port "$TABLE_PORT" 30 "$AZURITE_PID" Azurite
wait_for_port "$WEB_PORT" 60 "$SMTP4DEV_PID" smtp4dev
wait_for_port "$SMTP_PORT" 30 "$SMTP4DEV_PID" smtp4dev
wait_for_port "$IDP_PORT" 60 "$IDP_PID" "identity provider"
wait_for_port "$TSA_PORT" 60 "$TSA_PID" "timestamp authority"

export CIRCULATION_TEST_STORAGE
CIRCULATION_TEST_STORAGE="$(azurite_connection_string "$BLOB_PORT" "$QUEUE_PORT" "$TABLE_PORT")"
export CIRCULATION_TEST_SMTP_PORT="$SMTP_PORT"
export CIRCULATION_TEST_SMTP4DEV_URL="http://127.0.0.1:$WEB_PORT"
export CIRCULATION_TEST_CHROMIUM
CIRCULATION_TEST_CHROMIUM="$(command -v chromium)"
export CIRCULATION_TEST_PID_DIR="$PID_DIR"
export CIRCULATION_TEST_IDP_URL="http://127.0.0.1:$IDP_PORT/"
export CIRCULATION_TEST_IDP_CLIENT_ID=circulation-tests
export CIRCULATION_TEST_IDP_CLIENT_SECRET="$IDP_SECRET"
export CIRCULATION_TEST_PKI_DIR="$PKI_DIR"
export CIRCULATION_TEST_TSA_URL="http://127.0.0.1:$TSA_PORT/"

# --- Tests ------------------------------------------------------------------------------------------
# Every test project: the integration tests (the longest) in the background, the other projects one
# after the other beside them, all in one process group of their own (so an interrupted run can be stopped whole).
# A test that hangs for 8 minutes aborts its run. Running side by side is safe because only the integration tests send
# missions' copies to smtp4dev: the workflow tests keep theirs in an SMTP server of their own
# (CirculationWorkflowFixture) and relay only the mail a person reads. Each project writes its own .trx.
log "Running the tests"
test_args=(-c Release --no-build --nologo --results-directory "$WORK/results"
    --blame-hang --blame-hang-timeout 8m --blame-hang-dump-type none)
[[ -n "${CIRCULATION_TEST_FILTER:-}" ]] && test_args+=(--filter "$CIRCULATION_TEST_FILTER")
run_tests='
    test_project() { dotnet test "$1" --logger "trx;LogFilePrefix=$(basename "$1" .csproj)" "${@:2}"; }
    status=0
    test_project tests/Circulation.IntegrationTests/Circulation.IntegrationTests.csproj "$@" &
    integration=$!
    for project in $(grep -l "<IsTestProject>true</IsTestProject>" tests/*/*.csproj); do
        [[ "$project" == */Circulation.IntegrationTests.csproj ]] || test_project "$project" "$@" || status=1
    done
    wait "$integration" || status=1
    exit "$status"'
set +e
setsid bash -c "$run_tests" run-tests "${test_args[@]}" </dev/null &
TEST_PID=$!
wait "$TEST_PID"
test_status=$?
set -e
TEST_PID=""

# --- Summary ----------------------------------------------------------------------------------------
passed=0 failed=0 skipped=0 reports=0
counter() { grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
shopt -s nullglob
for trx in "$WORK"/results/*.trx; do
    reports=$((reports + 1))
    passed=$((passed + $(counter "$trx" passed)))
    # A skipped test counts in "total" but not in "executed" (its notExecuted counter stays 0).
    skipped=$((skipped + $(counter "$trx" total) - $(counter "$trx" executed)))
    for kind in failed error timeout aborted; do
        failed=$((failed + $(counter "$trx" "$kind")))
    done
done
projects=$(grep -l "<IsTestProject>true</IsTestProject>" tests/*/*.csproj | wc -l)

STATUS=0
if ((test_status != 0)); then
    log "dotnet test exited with status $test_status"
    STATUS=1
fi
if ((reports < projects)); then
    log "Only $reports of $projects test projects reported results (a run crashed or was aborted)"
    STATUS=1
fi
((failed == 0)) || STATUS=1
if ((STATUS != 0)); then
    log "Local host logs: tests/Circulation.IntegrationTests/bin/Release/net10.0/artifacts/hosts/"
fi
# Stop the stack now, so its messages come before the summary, which stays the last line.
cleanup
trap - EXIT
log "Wall time: $((SECONDS - START_SECONDS)) s"
summary="Tests: $passed passed, $failed failed"
((skipped == 0)) || summary+=", $skipped skipped"
echo "$summary"
exit "$STATUS"
