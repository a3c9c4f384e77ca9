# shellcheck shell=bash
# Circulation's local stack as a sourceable bash library: installs Azurite and smtp4dev into the
# repository, starts them on given ports, waits for ports, and stops processes by PID.
# Used by ./run.sh and by the test runner (which starts its own Azurite/smtp4dev on other ports).
#
#   source scripts/stack.sh
#   install_tools
#   start_azurite "$dir" 20000 20001 20002 "$log"    # sets AZURITE_PID
#   start_smtp4dev 5081 2526 1144 "$db" "$log"        # sets SMTP4DEV_PID
#   start_identity_provider 7073 id secret http://127.0.0.1:7071 "$log"   # sets IDP_PID
#   ensure_development_pki "$dir"                     # the development CA, signing and TSA certificates (once)
#   start_timestamp_authority 7075 "$dir" "$log"      # sets TSA_PID
#   wait_for_port 20000 30 "$AZURITE_PID" Azurite
#   stop_pid "$SMTP4DEV_PID" smtp4dev              # or, in parallel: stop_pids 60 "$SMTP4DEV_PID" "$AZURITE_PID"
#
# The start_* functions set a variable instead of printing the PID: `pid=$(start_x)` would start
# the server in a subshell, and the caller could then neither `wait` for it nor reap it.

# Repository root, whatever the caller's working directory.
STACK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

AZURITE_VERSION="3.37.0"
SMTP4DEV_VERSION="3.15.0"
AZURITE_NODE_PREFIX="$STACK_ROOT/.local/node"
AZURITE_JS="$AZURITE_NODE_PREFIX/node_modules/azurite/dist/src/azurite.js"
SMTP4DEV_BIN="$STACK_ROOT/.tools/smtp4dev"
BICEP_VERSION="0.49.2"
BICEP_BIN="$STACK_ROOT/.tools/nuget/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"

# The well-known development account Azurite serves (public, documented by Microsoft).
AZURITE_ACCOUNT_NAME="devstoreaccount1"
AZURITE_ACCOUNT_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

stack_log() { printf '[stack] %s\n' "$*" >&2; }

# require_command NAME HINT: fails with a hint when a prerequisite is missing.
require_command() {
    command -v "$1" >/dev/null 2>&1 || { stack_log "'$1' is required: $2"; return 1; }
}

# install_tools: Azurite (npm, into .local/node) and smtp4dev (dotnet tool, into .tools), each only if
# missing or at another version. Nothing is installed globally.
install_tools() {
    require_command node "install Node.js 20 or later" || return 1
    require_command npm "install npm (comes with Node.js)" || return 1
    require_command dotnet "install the .NET 10 SDK" || return 1

    local installed=""
    if [[ -f "$AZURITE_NODE_PREFIX/node_modules/azurite/package.json" ]]; then
        installed="$(node -p "require('$AZURITE_NODE_PREFIX/node_modules/azurite/package.json').version" 2>/dev/null)"
    fi
    if [[ "$installed" != "$AZURITE_VERSION" ]]; then
        stack_log "Installing Azurite $AZURITE_VERSION into .local/node (about 20 s, once)"
        mkdir -p "$AZURITE_NODE_PREFIX"
        npm install --prefix "$AZURITE_NODE_PREFIX" "azurite@$AZURITE_VERSION" \
            --no-audit --no-fund --loglevel=error >&2 || return 1
    fi

    if [[ ! -x "$SMTP4DEV_BIN" ]] || ! dotnet tool list --tool-path "$STACK_ROOT/.tools" 2>/dev/null \
        | grep -qi "rnwood.smtp4dev *$SMTP4DEV_VERSION"; then
        stack_log "Installing smtp4dev $SMTP4DEV_VERSION into .tools"
        dotnet tool uninstall Rnwood.Smtp4dev --tool-path "$STACK_ROOT/.tools" >/dev/null 2>&1 || true
        dotnet tool install Rnwood.Smtp4dev --version "$SMTP4DEV_VERSION" \
            --tool-path "$STACK_ROOT/.tools" >/dev/null || return 1
    fi
}

# install_bicep: the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64) into .tools/nuget, if missing.
install_bicep() {
    [[ -x "$BICEP_BIN" ]] && return 0
    stack_log "Installing the Bicep CLI $BICEP_VERSION from NuGet into .tools/nuget"
    dotnet restore "$STACK_ROOT/scripts/bicep/BicepCli.proj" -p:BicepVersion="$BICEP_VERSION" \
        --packages "$STACK_ROOT/.tools/nuget" --nologo -v quiet >&2 || return 1
    chmod +x "$BICEP_BIN"
}

# azurite_connection_string BLOB_PORT QUEUE_PORT TABLE_PORT: an explicit connection string (not
# UseDevelopmentStorage=true, which assumes the default ports).
azurite_connection_string() {
    local base="http://127.0.0.1"
    printf 'DefaultEndpointsProtocol=http;AccountName=%s;AccountKey=%s;BlobEndpoint=%s:%s/%s;QueueEndpoint=%s:%s/%s;TableEndpoint=%s:%s/%s;' \
        "$AZURITE_ACCOUNT_NAME" "$AZURITE_ACCOUNT_KEY" \
        "$base" "$1" "$AZURITE_ACCOUNT_NAME" "$base" "$2" "$AZURITE_ACCOUNT_NAME" "$base" "$3" "$AZURITE_ACCOUNT_NAME"
}

# port_in_use PORT: true when something accepts connections on 127.0.0.1:PORT.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# ensure_ports_free NAME=PORT...: fails, naming the culprits, when any port is taken.
ensure_ports_free() {
    local pair busy=0
    for pair in "$@"; do
        if port_in_use "${pair#*=}"; then
            stack_log "Port ${pair#*=} (${pair%%=*}) is already in use; set ${pair%%=*} to another port."
            busy=1
        fi
    done
    return "$busy"
}

# start_in_own_session COMMAND...: runs COMMAND in the background, in its own session, and sets
# STACK_PID. Its own session keeps a terminal's Ctrl-C (sent to the whole foreground process group)
# away from it, so the caller alone decides the order and signal of shutdown. setsid does not fork
# here (a background job of a script is not a group leader), so $! is the server's real PID.
start_in_own_session() {
    setsid "$@" &
    STACK_PID=$!
}

# start_azurite DIR BLOB_PORT QUEUE_PORT TABLE_PORT [LOG]: starts Azurite with its data in DIR; sets
# AZURITE_PID. Runs node directly (npx would leave a parent process that swallows signals).
# --disableTelemetry: without it SIGTERM takes ~90 s. --skipApiVersionCheck: the Azure SDKs send API
# versions newer than Azurite knows. Stop it with SIGTERM (stop_pid): it saves state every ~5 s and on exit.
start_azurite() {
    local dir="$1" blob="$2" queue="$3" table="$4" log="${5:-/dev/null}"
    mkdir -p "$dir"
    start_in_own_session node "$AZURITE_JS" --silent --location "$dir" \
        --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
        --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
        --disableTelemetry --skipApiVersionCheck >>"$log" 2>&1
    AZURITE_PID=$STACK_PID
}

# start_smtp4dev WEB_PORT SMTP_PORT IMAP_PORT DB [LOG]: starts smtp4dev (web inbox + SMTP + IMAP, all on
# 127.0.0.1, POP3 off: it would take port 110) with its message database at DB (an absolute path, or ""
# for in memory); sets SMTP4DEV_PID. Keeps 1000 messages (its default is 100). With a DB, its own data
# directory is DB without ".db" (so nothing lands in ~/.config).
start_smtp4dev() {
    local web="$1" smtp="$2" imap="$3" db="$4" log="${5:-/dev/null}"
    local args=(--urls="http://127.0.0.1:$web" --smtpport="$smtp" --imapport="$imap" --pop3port=
        --bindaddress=127.0.0.1 --disableipv6 --db="$db" --nousersettings --messagestokeep=1000)
    if [[ -n "$db" ]]; then
        mkdir -p "${db%.db}"
        args+=(--baseappdatapath="${db%.db}")
    fi
    start_in_own_session "$SMTP4DEV_BIN" "${args[@]}" >>"$log" 2>&1
    SMTP4DEV_PID=$STACK_PID
}

# The local OpenID Connect provider (tools/Circulation.IdentityProvider), built with the solution or the local host.
IDP_PROJECT="$STACK_ROOT/tools/Circulation.IdentityProvider"
IDP_DLL="$IDP_PROJECT/bin/Release/net10.0/Circulation.IdentityProvider.dll"
STAFF_FILE="$STACK_ROOT/functions/Circulation/Staff/staff.json"

# start_identity_provider PORT CLIENT_ID CLIENT_SECRET APP_BASE_URL [LOG] [ANY_LOOPBACK_PORT]: starts the local sign-in
# provider on 127.0.0.1:PORT for the people of the staff directory, with one client whose redirect URIs are under
# APP_BASE_URL (/signin-oidc, /signout-callback-oidc); ANY_LOOPBACK_PORT=true lets that client's loopback redirect use
# any port (the tests start hosts on random ports). Sets IDP_PID.
start_identity_provider() {
    local port="$1" client="$2" secret="$3" app="$4" log="${5:-/dev/null}" any="${6:-false}"
    IdentityProvider__Port="$port" \
    IdentityProvider__StaffFile="$STAFF_FILE" \
    IdentityProvider__AllowAnyLoopbackRedirectPort="$any" \
    IdentityProvider__Clients__0__ClientId="$client" \
    IdentityProvider__Clients__0__ClientSecret="$secret" \
    IdentityProvider__Clients__0__RedirectUris__0="$app/signin-oidc" \
    IdentityProvider__Clients__0__PostLogoutRedirectUris__0="$app/signout-callback-oidc" \
    ASPNETCORE_URLS= \
        start_in_own_session dotnet "$IDP_DLL" >>"$log" 2>&1
    IDP_PID=$STACK_PID
}

# The local RFC 3161 timestamp authority and development PKI maker (tools/Circulation.TimestampAuthority), built with the
# solution or by run.sh.
TSA_PROJECT="$STACK_ROOT/tools/Circulation.TimestampAuthority"
TSA_DLL="$TSA_PROJECT/bin/Release/net10.0/Circulation.TimestampAuthority.dll"

# ensure_development_pki DIR: makes the development PKI in DIR (a CA, a signing certificate with its key in signing.pfx,
# a timestamping certificate), or reuses it while every certificate is valid for 30 more days. Never committed (.local/).
ensure_development_pki() {
    dotnet "$TSA_DLL" pki --out "$1" >/dev/null
}

# start_timestamp_authority PORT PKI_DIR [LOG]: starts the local timestamp authority on 127.0.0.1:PORT, signing with the
# PKI in PKI_DIR; sets TSA_PID.
start_timestamp_authority() {
    local port="$1" pki="$2" log="${3:-/dev/null}"
    TimestampAuthority__Port="$port" TimestampAuthority__Pki="$pki" ASPNETCORE_URLS= \
        start_in_own_session dotnet "$TSA_DLL" >>"$log" 2>&1
    TSA_PID=$STACK_PID
}

# signing_settings PKI_DIR TSA_URL: the host's "Signing" settings (double-underscore form) for the development key.
signing_settings() {
    printf '%s\n' "Signing__CertificatePfxPath=$1/signing.pfx" "Signing__CertificatePfxPassword=$(cat "$1/signing.password")" "Signing__TimestampUrl=$2"
}

# wait_for_port PORT TIMEOUT_SECONDS [PID] [NAME]: waits until 127.0.0.1:PORT accepts connections;
# fails early if PID exits meanwhile.
wait_for_port() {
    local port="$1" timeout="$2" pid="${3:-}" name="${4:-port $1}"
    local deadline=$((SECONDS + timeout))
    until port_in_use "$port"; do
        if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
            stack_log "$name exited before listening on port $port"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            stack_log "$name did not listen on port $port within ${timeout} s"
            return 1
        fi
        sleep 0.2
    done
}

# stop_pid PID [NAME] [TIMEOUT_SECONDS]: SIGTERM, wait up to TIMEOUT (default 30) for it to exit, then
# SIGKILL as a last resort; reaps it when it is the caller's child. No-op for an empty or dead PID.
stop_pid() {
    local pid="$1" name="${2:-process $1}" timeout="${3:-30}"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    local deadline=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            stack_log "$name did not stop within ${timeout} s; killing it"
            kill -KILL "$pid" 2>/dev/null
            break
        fi
        sleep 0.1
    done
    wait "$pid" 2>/dev/null || true
}

# stop_pids TIMEOUT_SECONDS PID...: stop_pid for several processes at once (SIGTERM to all, then wait),
# so their shutdowns overlap instead of adding up.
stop_pids() {
    local timeout="$1" pid
    shift
    for pid in "$@"; do
        [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null
    done
    for pid in "$@"; do
        stop_pid "$pid" "process $pid" "$timeout"
    done
}
