#!/usr/bin/env bash
# Runs Circulation locally: Azurite (storage), smtp4dev (mail inbox), the local sign-in provider (OpenID Connect, for
# the people of the staff directory), the local timestamp authority (RFC 3161, for the letters' digital signatures,
# with a development CA and signing certificate made once into .local/pki) and the local host (staff form + durable
# workflow). Installs what it needs into the repository on first run. Ctrl-C stops all five.
# State lives in .local/ and persists across runs.
#
# Ports (environment, with defaults): CIRCULATION_PORT=7071 CIRCULATION_SIDECAR_PORT=7072
#   SMTP4DEV_WEB_PORT=5080 SMTP4DEV_SMTP_PORT=2525 SMTP4DEV_IMAP_PORT=1143
#   AZURITE_BLOB_PORT=10000 AZURITE_QUEUE_PORT=10001 AZURITE_TABLE_PORT=10002 CIRCULATION_IDP_PORT=7073
#   CIRCULATION_TSA_PORT=7075
# CIRCULATION_PUBLIC_URL: the base of links in e-mails (default http://127.0.0.1:$CIRCULATION_PORT), e.g. when
# the host is reached through a proxy or another name.
# Mail: SMTP to smtp4dev by default. CIRCULATION_MAIL=graph sends through Microsoft Graph to the Exchange emulator
# (tools/Circulation.ExchangeEmulator, port CIRCULATION_GRAPH_EMULATOR_PORT=7074), which paces like Exchange Online
# (30 messages per minute; CIRCULATION_GRAPH_WINDOW=00:00:02 scales the minute down) and hands every message on to
# smtp4dev. CIRCULATION_GRAPH_URL (with IDENTITY_ENDPOINT and IDENTITY_HEADER) uses that Graph endpoint instead and
# starts no emulator. CIRCULATION_GRAPH_SENDERS: the sending mailboxes, comma-separated (default pga.circulation@un.example).
# CIRCULATION_GRAPH_UNLIMITED=1 (with CIRCULATION_MAIL=graph): the emulator enforces no limit and the host does not pace
# (Mail:Graph:MessagesPerWindow=0), to measure the workflow's own throughput.
# CIRCULATION_GRAPH_RECIPIENT_WINDOW: the emulator's and the host's window of 10,000 recipients per mailbox (default
# 1.00:00:00; the host's pacing ledger keeps it across restarts, in Azurite).
# The local host's process id is in .local/host.pid while it runs (the distribution benchmark samples its memory).
set -euo pipefail

# Started in the background by another script (`./run.sh &`), bash inherits SIGINT ignored and cannot
# trap a signal ignored on entry: re-exec once with SIGINT restored so `kill -INT` still stops the stack.
sig_ignored="$(awk '/^SigIgn:/ { print $2 }' /proc/$$/status 2>/dev/null || true)"
if [[ -n "$sig_ignored" && -z "${CIRCULATION_RUN_REEXEC:-}" ]] && (((16#$sig_ignored & 2) != 0)); then
    CIRCULATION_RUN_REEXEC=1 exec env --default-signal=INT "$0" "$@"
fi

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/stack.sh
source "$REPO/scripts/stack.sh"

CIRCULATION_PORT="${CIRCULATION_PORT:-7071}"
CIRCULATION_SIDECAR_PORT="${CIRCULATION_SIDECAR_PORT:-7072}"
SMTP4DEV_WEB_PORT="${SMTP4DEV_WEB_PORT:-5080}"
SMTP4DEV_SMTP_PORT="${SMTP4DEV_SMTP_PORT:-2525}"
SMTP4DEV_IMAP_PORT="${SMTP4DEV_IMAP_PORT:-1143}"
AZURITE_BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
AZURITE_QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
AZURITE_TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
CIRCULATION_IDP_PORT="${CIRCULATION_IDP_PORT:-7073}"
CIRCULATION_TSA_PORT="${CIRCULATION_TSA_PORT:-7075}"
PUBLIC_URL="${CIRCULATION_PUBLIC_URL:-http://127.0.0.1:$CIRCULATION_PORT}"
PUBLIC_URL="${PUBLIC_URL%/}"
CIRCULATION_GRAPH_EMULATOR_PORT="${CIRCULATION_GRAPH_EMULATOR_PORT:-7074}"
CIRCULATION_GRAPH_WINDOW="${CIRCULATION_GRAPH_WINDOW:-00:01:00}"
CIRCULATION_GRAPH_SENDERS="${CIRCULATION_GRAPH_SENDERS:-pga.circulation@un.example}"
CIRCULATION_GRAPH_UNLIMITED="${CIRCULATION_GRAPH_UNLIMITED:-0}"
CIRCULATION_GRAPH_RECIPIENT_WINDOW="${CIRCULATION_GRAPH_RECIPIENT_WINDOW:-1.00:00:00}"

# Which mail path: smtp (smtp4dev), emulator (Graph through the Exchange emulator) or graph (a given Graph endpoint).
MAIL_MODE=smtp
if [[ -n "${CIRCULATION_GRAPH_URL:-}" ]]; then
    MAIL_MODE=graph
    if [[ -z "${IDENTITY_ENDPOINT:-}" || -z "${IDENTITY_HEADER:-}" ]]; then
        printf '[run] CIRCULATION_GRAPH_URL needs IDENTITY_ENDPOINT and IDENTITY_HEADER (the managed-identity endpoint and its secret)\n' >&2
        exit 2
    fi
elif [[ "${CIRCULATION_MAIL:-smtp}" == graph ]]; then
    MAIL_MODE=emulator
elif [[ "${CIRCULATION_MAIL:-smtp}" != smtp ]]; then
    printf "[run] CIRCULATION_MAIL must be smtp or graph, not '%s'\n" "$CIRCULATION_MAIL" >&2
    exit 2
fi
if [[ "$CIRCULATION_GRAPH_UNLIMITED" != 0 && "$MAIL_MODE" != emulator ]]; then
    printf '[run] CIRCULATION_GRAPH_UNLIMITED needs CIRCULATION_MAIL=graph (the emulator)\n' >&2
    exit 2
fi

STATE="$REPO/.local"
LOGS="$STATE/logs"
HOST_PROJECT="$REPO/functions/Circulation.LocalHost"
HOST_OUT="$HOST_PROJECT/bin/Release/net10.0"
EMULATOR_PROJECT="$REPO/tools/Circulation.ExchangeEmulator"
EMULATOR_OUT="$EMULATOR_PROJECT/bin/Release/net10.0"

log() { printf '[run] %s\n' "$*" >&2; }

AZURITE_PID="" SMTP4DEV_PID="" IDP_PID="" TSA_PID="" HOST_PID="" EMULATOR_PID=""

# Stops what this script started, by PID: the host first (it uses the other two), then smtp4dev and
# Azurite together, with SIGTERM so Azurite saves its state.
stopping=0
shutdown() {
    ((stopping)) && return
    stopping=1
    trap '' INT TERM
    log "Stopping..."
    stop_pid "$HOST_PID" "Circulation host" 15
    rm -f "$STATE/host.pid"
    stop_pid "$EMULATOR_PID" "Exchange emulator" 15
    stop_pids 60 "$TSA_PID" "$IDP_PID" "$SMTP4DEV_PID" "$AZURITE_PID"
    log "Stopped. State kept in $STATE"
}
trap 'shutdown; exit 130' INT
trap 'shutdown; exit 143' TERM
trap shutdown EXIT

ensure_ports_free CIRCULATION_PORT="$CIRCULATION_PORT" CIRCULATION_SIDECAR_PORT="$CIRCULATION_SIDECAR_PORT" \
    SMTP4DEV_WEB_PORT="$SMTP4DEV_WEB_PORT" SMTP4DEV_SMTP_PORT="$SMTP4DEV_SMTP_PORT" \
    SMTP4DEV_IMAP_PORT="$SMTP4DEV_IMAP_PORT" AZURITE_BLOB_PORT="$AZURITE_BLOB_PORT" \
    AZURITE_QUEUE_PORT="$AZURITE_QUEUE_PORT" AZURITE_TABLE_PORT="$AZURITE_TABLE_PORT" CIRCULATION_IDP_PORT="$CIRCULATION_IDP_PORT" \
    CIRCULATION_TSA_PORT="$CIRCULATION_TSA_PORT"
if [[ "$MAIL_MODE" == emulator ]]; then
    ensure_ports_free CIRCULATION_GRAPH_EMULATOR_PORT="$CIRCULATION_GRAPH_EMULATOR_PORT"
fi

install_tools
mkdir -p "$LOGS"

# Build before starting anything, so a compile error leaves nothing running.
log "Building the local host, the sign-in provider and the timestamp authority..."
dotnet build "$HOST_PROJECT" -c Release --nologo -v quiet -clp:NoSummary -clp:ErrorsOnly
dotnet build "$IDP_PROJECT" -c Release --nologo -v quiet -clp:NoSummary -clp:ErrorsOnly
dotnet build "$TSA_PROJECT" -c Release --nologo -v quiet -clp:NoSummary -clp:ErrorsOnly
if [[ "$MAIL_MODE" == emulator ]]; then
    log "Building the Exchange emulator..."
    dotnet build "$EMULATOR_PROJECT" -c Release --nologo -v quiet -clp:NoSummary -clp:ErrorsOnly
fi

# The key that signs the links in circulated letters (32 random bytes, base64; key id "local"): generated once,
# kept with the rest of the state, so links e-mailed before a restart still work. A key made by an older run.sh
# has the same form and is used as it is. The host refuses to start with a placeholder, short or non-base64 key.
if [[ ! -s "$STATE/signing-key" ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 >"$STATE/signing-key")
fi
# The host's client secret at the local sign-in provider, likewise generated once.
if [[ ! -s "$STATE/sign-in-client-secret" ]]; then
    (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$STATE/sign-in-client-secret")
fi

log "Starting Azurite and smtp4dev..."
start_azurite "$STATE/azurite" "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT" "$LOGS/azurite.log"
start_smtp4dev "$SMTP4DEV_WEB_PORT" "$SMTP4DEV_SMTP_PORT" "$SMTP4DEV_IMAP_PORT" "$STATE/smtp4dev.db" "$LOGS/smtp4dev.log"
wait_for_port "$AZURITE_BLOB_PORT" 60 "$AZURITE_PID" Azurite
wait_for_port "$AZURITE_QUEUE_PORT" 30 "$AZURITE_PID" Azurite
wait_for_port "$AZURITE_TABLE_PORT" 30 "$AZURITE_PID" Azurite
wait_for_port "$SMTP4DEV_WEB_PORT" 60 "$SMTP4DEV_PID" smtp4dev
wait_for_port "$SMTP4DEV_SMTP_PORT" 30 "$SMTP4DEV_PID" smtp4dev

log "Starting the sign-in provider..."
start_identity_provider "$CIRCULATION_IDP_PORT" circulation-local "$(cat "$STATE/sign-in-client-secret")" "$PUBLIC_URL" "$LOGS/identity-provider.log"
wait_for_port "$CIRCULATION_IDP_PORT" 60 "$IDP_PID" "sign-in provider"

# The letters' digital signature: the development CA and signing certificate (made once, reused while valid; docs/signing.md)
# and the timestamp authority.
log "Starting the timestamp authority..."
ensure_development_pki "$STATE/pki"
start_timestamp_authority "$CIRCULATION_TSA_PORT" "$STATE/pki" "$LOGS/timestamp-authority.log"
wait_for_port "$CIRCULATION_TSA_PORT" 60 "$TSA_PID" "timestamp authority"
mapfile -t signing_env < <(signing_settings "$STATE/pki" "http://127.0.0.1:$CIRCULATION_TSA_PORT/")

# The mail settings of the host (ASP.NET Core's double-underscore form); with the emulator, start it first.
IFS=',' read -r -a senders <<<"$CIRCULATION_GRAPH_SENDERS"
mail_env=()
case "$MAIL_MODE" in
    smtp)
        mail_env=(Mail__Smtp__Host=127.0.0.1 Mail__Smtp__Port="$SMTP4DEV_SMTP_PORT")
        ;;
    emulator)
        # The managed-identity secret the emulator expects (App Service's IDENTITY_HEADER): generated once, kept in .local.
        if [[ ! -s "$STATE/identity-header" ]]; then
            (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$STATE/identity-header")
        fi
        emulator_env=(Emulator__Port="$CIRCULATION_GRAPH_EMULATOR_PORT" Emulator__IdentityHeader="$(cat "$STATE/identity-header")"
            Emulator__SmtpHost=127.0.0.1 Emulator__SmtpPort="$SMTP4DEV_SMTP_PORT" Emulator__Limits__MessageWindow="$CIRCULATION_GRAPH_WINDOW"
            Emulator__Limits__RecipientWindow="$CIRCULATION_GRAPH_RECIPIENT_WINDOW")
        for i in "${!senders[@]}"; do
            emulator_env+=("Emulator__Mailboxes__$i=${senders[$i]}")
        done
        if [[ "$CIRCULATION_GRAPH_UNLIMITED" != 0 ]]; then
            GRAPH_UNLIMITED_NOTE=", no limits, unpaced"
            emulator_env+=(Emulator__Limits__MessagesPerWindow=0 Emulator__Limits__ConcurrentRequests=0 Emulator__Limits__RecipientsPerWindow=0
                Emulator__Limits__RecipientsPerMessage=0 Emulator__Limits__RequestsPerWindow=0)
        fi
        log "Starting the Exchange emulator..."
        start_in_own_session env "${emulator_env[@]}" dotnet "$EMULATOR_OUT/Circulation.ExchangeEmulator.dll" >>"$LOGS/emulator.log" 2>&1
        EMULATOR_PID=$STACK_PID
        wait_for_port "$CIRCULATION_GRAPH_EMULATOR_PORT" 60 "$EMULATOR_PID" "Exchange emulator"
        CIRCULATION_GRAPH_URL="http://127.0.0.1:$CIRCULATION_GRAPH_EMULATOR_PORT/v1.0"
        IDENTITY_ENDPOINT="http://127.0.0.1:$CIRCULATION_GRAPH_EMULATOR_PORT/msi/token"
        IDENTITY_HEADER="$(cat "$STATE/identity-header")"
        mail_env=(Mail__Graph__MessageWindow="$CIRCULATION_GRAPH_WINDOW" Mail__Graph__RecipientWindow="$CIRCULATION_GRAPH_RECIPIENT_WINDOW")
        if [[ "$CIRCULATION_GRAPH_UNLIMITED" != 0 ]]; then
            mail_env+=(Mail__Graph__MessagesPerWindow=0)
        fi
        ;;
esac
if [[ "$MAIL_MODE" != smtp ]]; then
    mail_env+=(Mail__Transport=Graph Mail__Graph__BaseUrl="$CIRCULATION_GRAPH_URL"
        IDENTITY_ENDPOINT="$IDENTITY_ENDPOINT" IDENTITY_HEADER="$IDENTITY_HEADER")
    for i in "${!senders[@]}"; do
        mail_env+=("Mail__Graph__Senders__$i=${senders[$i]}")
    done
fi

log "Starting the local host..."
# Configuration goes in as environment variables (ASP.NET Core's double-underscore form), for the host only.
AzureWebJobsStorage="$(azurite_connection_string "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT")" \
Links__PublicBaseUrl="$PUBLIC_URL" \
Auth__Mode=OpenIdConnect \
Auth__OpenIdConnect__Authority="http://127.0.0.1:$CIRCULATION_IDP_PORT/" \
Auth__OpenIdConnect__ClientId=circulation-local \
Auth__OpenIdConnect__ClientSecret="$(cat "$STATE/sign-in-client-secret")" \
LocalHost__DataProtectionPath="$STATE/keys" \
Links__SigningKeys__local="$(cat "$STATE/signing-key")" \
Links__ActiveKeyId=local \
LocalHost__WebPort="$CIRCULATION_PORT" \
LocalHost__SidecarPort="$CIRCULATION_SIDECAR_PORT" \
    start_in_own_session env "${mail_env[@]}" "${signing_env[@]}" dotnet "$HOST_OUT/Circulation.LocalHost.dll"
HOST_PID=$STACK_PID
echo "$HOST_PID" >"$STATE/host.pid"
wait_for_port "$CIRCULATION_PORT" 120 "$HOST_PID" "Circulation host"

cat >&2 <<EOF

  Staff pages: $PUBLIC_URL/  (sign in as anyone in the staff directory, password circulation-dev;
              e.g. drafting.officer@un.example, chef.de.cabinet@un.example, pga@un.example)
  Mail inbox: http://127.0.0.1:$SMTP4DEV_WEB_PORT/
  Mail:       $(case "$MAIL_MODE" in smtp) echo "SMTP to smtp4dev" ;; emulator) echo "Microsoft Graph via the Exchange emulator at http://127.0.0.1:$CIRCULATION_GRAPH_EMULATOR_PORT/ (counts: /emulator/counts)${GRAPH_UNLIMITED_NOTE:-}" ;; *) echo "Microsoft Graph at $CIRCULATION_GRAPH_URL" ;; esac)
  Signing:    development CA $STATE/pki/ca.crt, timestamp authority http://127.0.0.1:$CIRCULATION_TSA_PORT/
  State:      $STATE (Azurite data, smtp4dev.db, signing-key, pki; logs in $LOGS)

  Press Ctrl-C to stop.

EOF

# Runs until Ctrl-C/SIGTERM (the traps stop everything) or until one of the three exits on its own.
set +e
wait -n "$HOST_PID" "$TSA_PID" "$IDP_PID" "$SMTP4DEV_PID" "$AZURITE_PID" ${EMULATOR_PID:+"$EMULATOR_PID"}
status=$?
log "A process exited on its own (status $status); stopping the others. See $LOGS and the output above."
exit "$status"
