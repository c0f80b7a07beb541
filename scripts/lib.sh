# Shared shell helpers for test.sh, the smoke tests and deploy scripts. Source it; it defines functions only.

# Installs Debian packages that are missing (as root, or through sudo when available).
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing ${missing[*]} (apt)" >&2
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A TCP port nobody listens on right now, below the ephemeral range (32768+ on Linux): ports there may be
# held by outgoing or TIME_WAIT connections, which a listening probe does not see but which block bind().
free_port() {
  local port
  while :; do
    port=$(( (RANDOM % 12000) + 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Waits until URL answers 2xx, up to SECONDS (default 60); returns 1 on timeout.
wait_for_url() {
  local url=$1 deadline=$(( SECONDS + ${2:-60} ))
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    [ $SECONDS -ge $deadline ] && return 1
    sleep 0.5
  done
}

# Starts the registry with the README's run command (test.sh has built it, hence --no-build) on BASE_URL, its
# output in LOG, with extra VAR=VALUE environment; its Orleans ports are free ports. The address comes from
# --urls, or from ASPNETCORE_URLS when that is among the variables. Sets REGISTRY_PID; returns 1, printing the
# log's tail, if the registry exits or does not answer discovery within 90 s.
registry_start() {
  local base=$1 log=$2 urls
  shift 2
  urls=(--urls "$base")
  [[ " $* " == *" ASPNETCORE_URLS="* ]] && urls=()
  setsid env "$@" dotnet run --project src/Gateway/Registry.Gateway -c Release --no-build -- \
    "${urls[@]}" --Registry:Cluster:SiloPort="$(free_port)" --Registry:Cluster:GatewayPort="$(free_port)" \
    >"$log" 2>&1 &
  REGISTRY_PID=$!
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "$base/.well-known/openid-configuration" 2>/dev/null && return 0
    kill -0 "$REGISTRY_PID" 2>/dev/null || break
    sleep 0.5
  done
  echo "--- registry did not answer (or exited); its log:" >&2
  tail -n 40 "$log" >&2
  return 1
}

# Stops the registry registry_start started (its whole process group, by pid).
registry_stop() {
  [ -n "${REGISTRY_PID:-}" ] || return 0
  kill -- -"$REGISTRY_PID" 2>/dev/null
  wait "$REGISTRY_PID" 2>/dev/null
  REGISTRY_PID=""
}

# Starts the interop tests' upstream OpenID Provider (node-oidc-provider, tests/interop/upstream.mjs; needs
# `npm ci` in tests/interop) on 127.0.0.1:PORT, its output in LOG, with one client "registry" whose secret is SECRET
# and whose redirect URI is REDIRECT_URI (Registry's {issuer}/authorize/callback). Sets UPSTREAM_PID; returns 1,
# printing the log's tail, if it does not answer discovery within 30 s.
upstream_start() {
  local port=$1 log=$2 redirect_uri=$3 secret=$4
  UPSTREAM_CLIENT_SECRET="$secret" UPSTREAM_REDIRECT_URIS="$redirect_uri" \
    node tests/interop/upstream.mjs "$port" >"$log" 2>&1 &
  UPSTREAM_PID=$!
  if ! wait_for_url "http://127.0.0.1:$port/.well-known/openid-configuration" 30; then
    echo "--- the upstream OpenID Provider did not answer; its log:" >&2
    tail -n 20 "$log" >&2
    return 1
  fi
}

# Stops the upstream upstream_start started (by pid).
upstream_stop() {
  [ -n "${UPSTREAM_PID:-}" ] || return 0
  kill "$UPSTREAM_PID" 2>/dev/null
  wait "$UPSTREAM_PID" 2>/dev/null
  UPSTREAM_PID=""
}

# The headless browser of the page tests: Debian's chromium (apt), Node.js, and playwright-core (npm, pinned, in the
# tools cache; it downloads no browser). Sets PLAYWRIGHT_CORE to the module's directory; on failure prints why
# (npm's log) and returns 1.
PLAYWRIGHT_CORE_VERSION=1.65.1
ensure_browser_tools() {
  local tools=${TOOLS_DIR:-$HOME/.cache/registry-tools}/playwright-core-$PLAYWRIGHT_CORE_VERSION log
  ensure_apt_packages chromium || { echo "could not install chromium (apt)"; return 1; }
  command -v node >/dev/null && command -v npm >/dev/null || ensure_apt_packages nodejs npm ||
    { echo "could not install nodejs/npm (apt)"; return 1; }
  if [ ! -f "$tools/node_modules/playwright-core/package.json" ]; then
    mkdir -p "$tools"
    log=$(mktemp)
    if ! npm install --prefix "$tools" "playwright-core@$PLAYWRIGHT_CORE_VERSION" --no-audit --no-fund --loglevel=error >"$log" 2>&1; then
      cat "$log"
      rm -f "$log"
      echo "could not install playwright-core $PLAYWRIGHT_CORE_VERSION (npm)"
      return 1
    fi
    rm -f "$log"
  fi
  PLAYWRIGHT_CORE=$tools/node_modules/playwright-core
}

# Starts the upstream OpenID Provider on 127.0.0.1:UPSTREAM_PORT (upstream_start, with a random client secret) and
# Registry at BASE federated to it (registry_start): the default tenant in open registration, public clients allowed,
# RESOURCE the one allowed resource. Logs go to DIR/upstream.log and DIR/registry.log. Sets UPSTREAM_ISSUER; on
# failure prints which process did not start and returns 1.
registry_start_federated() {
  local base=$1 upstream_port=$2 resource=$3 dir=$4 secret
  secret=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  UPSTREAM_ISSUER=http://127.0.0.1:$upstream_port
  upstream_start "$upstream_port" "$dir/upstream.log" "$base/authorize/callback" "$secret" ||
    { echo "FAIL the upstream OpenID Provider starts"; return 1; }
  registry_start "$base" "$dir/registry.log" \
    Registry__Tenants__default__Upstream__Issuer="$UPSTREAM_ISSUER" \
    Registry__Tenants__default__Upstream__ClientId=registry \
    Registry__Tenants__default__Upstream__ClientSecret="$secret" \
    Registry__Tenants__default__RegistrationMode=open \
    Registry__Tenants__default__AllowedTokenEndpointAuthMethods__0=client_secret_basic \
    Registry__Tenants__default__AllowedTokenEndpointAuthMethods__1=client_secret_post \
    Registry__Tenants__default__AllowedTokenEndpointAuthMethods__2=none \
    Registry__Tenants__default__AllowedResources__0="$resource" ||
    { echo "FAIL registry starts with the README command, federated to the upstream"; return 1; }
}
