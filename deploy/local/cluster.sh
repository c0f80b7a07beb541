#!/usr/bin/env bash
# A local Registry cluster without Docker: Redis (membership), Azurite (Azure Table grain state; Azure Blob for the
# silos' Data Protection key ring),
# N silos and a gateway in cluster (client) mode, each its own process on loopback.
#
#   deploy/local/cluster.sh up               start everything; prints the gateway URL once it answers discovery
#   deploy/local/cluster.sh kill-silo K      SIGKILL silo K (1-based)
#   deploy/local/cluster.sh start-silo K     start silo K (again, or a new one) and wait until it is active
#   deploy/local/cluster.sh start-gateway K PORT  start another gateway (K >= 2) on PORT, e.g. to see a change
#                                            reach every gateway; stopped by down
#   deploy/local/cluster.sh restart          stop and start every silo and the gateway (Redis and Azurite keep
#                                            running, so state comes back from storage)
#   deploy/local/cluster.sh restart-redis    stop Redis and start it again on the same data (append-only file),
#                                            after REDIS_DOWN_SECONDS (default 0)
#   deploy/local/cluster.sh status           what runs, with pids
#   deploy/local/cluster.sh install          install redis-server (apt) and Azurite (npm) if missing, build if needed
#   deploy/local/cluster.sh down             stop everything this script started (by pid)
#
# Environment: SILOS (2), GATEWAY_PORT (5000), REDIS_PORT (6390), AZURITE_PORT (10012, tables),
# AZURITE_BLOB_PORT (AZURITE_PORT+1, blobs),
# SILO_PORT_BASE (11110: silo K listens on base+K; gateway port 30010+K, health 8090+K),
# AZURITE_DATA (memory | a folder), RUN_DIR (<repo>/.run/cluster), TOOLS_DIR (~/.cache/registry-tools),
# CLUSTER_ID (registry-local), ASPNETCORE_ENVIRONMENT (Development), TLS (1: mutually authenticated TLS between
# silos and from the gateway, with a throwaway CA and certificates made by openssl under $RUN_DIR/tls on `up`;
# 0: plain TCP). Registry__* variables (tenants, admin secrets) pass through to silos.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$repo/scripts/lib.sh"

SILOS=${SILOS:-2}
GATEWAY_PORT=${GATEWAY_PORT:-5000}
REDIS_PORT=${REDIS_PORT:-6390}
AZURITE_PORT=${AZURITE_PORT:-10012}
AZURITE_BLOB_PORT=${AZURITE_BLOB_PORT:-$((AZURITE_PORT + 1))}
SILO_PORT_BASE=${SILO_PORT_BASE:-11110}
SILO_GATEWAY_PORT_BASE=${SILO_GATEWAY_PORT_BASE:-30010}
SILO_HTTP_PORT_BASE=${SILO_HTTP_PORT_BASE:-8090}
AZURITE_DATA=${AZURITE_DATA:-memory}
RUN_DIR=${RUN_DIR:-$repo/.run/cluster}
TOOLS_DIR=${TOOLS_DIR:-$HOME/.cache/registry-tools}
CLUSTER_ID=${CLUSTER_ID:-registry-local}
CONFIGURATION=${CONFIGURATION:-Release}
TLS=${TLS:-1}
TLS_DIR=$RUN_DIR/tls

AZURITE_VERSION=3.37.0
ACCOUNT_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
TABLES="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$ACCOUNT_KEY;TableEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;"
SILO_DLL=$repo/src/Silo/Registry.Silo/bin/$CONFIGURATION/net10.0/Registry.Silo.dll
GATEWAY_DLL=$repo/src/Gateway/Registry.Gateway/bin/$CONFIGURATION/net10.0/Registry.Gateway.dll

log() { echo "cluster: $*" >&2; }
pidfile() { echo "$RUN_DIR/pids/$1.pid"; }
alive() { local f; f=$(pidfile "$1"); [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

# Starts a process in its own session (so $! is its pid and its group can be signalled), logging to RUN_DIR.
spawn() {
  local name=$1; shift
  setsid "$@" >"$RUN_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! >"$(pidfile "$name")"
}

stop() {
  local name=$1 signal=${2:-TERM} f pid
  f=$(pidfile "$name")
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  kill -"$signal" -- -"$pid" 2>/dev/null || kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- -"$pid" 2>/dev/null || true
  rm -f "$f"
}

ensure_tools() {
  command -v redis-server >/dev/null || ensure_apt_packages redis-server
  command -v redis-server >/dev/null || { log "redis-server is not installed"; exit 1; }
  command -v curl >/dev/null || ensure_apt_packages curl
  if [ ! -x "$TOOLS_DIR/azurite/node_modules/.bin/azurite-table" ]; then
    command -v npm >/dev/null || ensure_apt_packages nodejs npm
    log "installing Azurite $AZURITE_VERSION into $TOOLS_DIR/azurite (npm)"
    mkdir -p "$TOOLS_DIR/azurite"
    npm install --prefix "$TOOLS_DIR/azurite" "azurite@$AZURITE_VERSION" --no-audit --no-fund --loglevel=error >/dev/null
  fi
  if [ ! -f "$SILO_DLL" ] || [ ! -f "$GATEWAY_DLL" ] || [ "${BUILD:-0}" = 1 ]; then
    log "building silo and gateway ($CONFIGURATION)"
    dotnet build "$repo/src/Silo/Registry.Silo" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly >/dev/null
    dotnet build "$repo/src/Gateway/Registry.Gateway" -c "$CONFIGURATION" -nologo -clp:ErrorsOnly >/dev/null
  fi
}

start_redis() {
  mkdir -p "$RUN_DIR/redis"
  # Append-only file: a restarted Redis comes back with the membership table.
  spawn redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly yes \
    --dir "$RUN_DIR/redis" --protected-mode yes
  for _ in $(seq 1 100); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  log "redis did not start (see $RUN_DIR/logs/redis.log)"; return 1
}

start_azurite() {
  local data=(--inMemoryPersistence)
  [ "$AZURITE_DATA" != memory ] && { mkdir -p "$AZURITE_DATA"; data=(--location "$AZURITE_DATA"); }
  spawn azurite "$TOOLS_DIR/azurite/node_modules/.bin/azurite-table" --tableHost 127.0.0.1 --tablePort "$AZURITE_PORT" "${data[@]}"
  spawn azurite-blob "$TOOLS_DIR/azurite/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" --skipApiVersionCheck "${data[@]}"
  local port
  for port in "$AZURITE_PORT" "$AZURITE_BLOB_PORT"; do
    for _ in $(seq 1 200); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue 2; sleep 0.1; done
    log "azurite did not start on port $port (see $RUN_DIR/logs/azurite*.log)"; return 1
  done
}

# A throwaway certificate authority and the certificates it issues (EC P-256, 30 days), unless they exist:
#   ca.crt/ca.key          the cluster's CA (the only trust anchor of every process)
#   silo.crt/silo.key      shared by every silo: serverAuth (accepts) and clientAuth (connects to other silos), IP 127.0.0.1
#   gateway.crt/.key       shared by the gateways (Orleans clients): clientAuth only (usages are not yet enforced on peers)
# Private keys are readable by their owner only.
ensure_tls() {
  [ "$TLS" = 1 ] || return 0
  [ -f "$TLS_DIR/ca.crt" ] && return 0
  command -v openssl >/dev/null || ensure_apt_packages openssl
  mkdir -p "$TLS_DIR"
  (
    umask 077
    cd "$TLS_DIR"
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
    openssl req -x509 -new -key ca.key -sha256 -days 30 -subj "/CN=Registry local cluster CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.crt
    issue() {
      local name=$1 usage=$2
      openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key" 2>/dev/null
      openssl req -new -key "$name.key" -subj "/CN=registry-$name" -out "$name.csr"
      printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=$usage" "subjectAltName=IP:127.0.0.1" >"$name.ext"
      openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" -days 30 -sha256 \
        -extfile "$name.ext" -out "$name.crt" 2>/dev/null
      rm -f "$name.csr" "$name.ext"
    }
    issue silo serverAuth,clientAuth
    issue gateway clientAuth
    chmod 600 ./*.key
    chmod 644 ./*.crt
  )
  log "TLS: CA and certificates in $TLS_DIR"
}

# Registry__Cluster__Tls__* for a silo or a gateway (its own certificate; the same CA).
tls_env() {
  if [ "$TLS" != 1 ]; then
    echo Registry__Cluster__Tls__Enabled=false
    return
  fi
  ensure_tls >&2
  echo Registry__Cluster__Tls__Enabled=true
  echo "Registry__Cluster__Tls__CertificatePath=$TLS_DIR/$1.crt"
  echo "Registry__Cluster__Tls__KeyPath=$TLS_DIR/$1.key"
  echo "Registry__Cluster__Tls__CaPath=$TLS_DIR/ca.crt"
}

cluster_env() {
  # A development cluster by default (default bootstrap secret, issuer from the Host header); set
  # ASPNETCORE_ENVIRONMENT=Production with real secrets and Registry__Issuer to try production settings.
  echo "ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}"
  echo Registry__Cluster__Clustering=Redis
  echo "Registry__Cluster__RedisConnectionString=127.0.0.1:$REDIS_PORT"
  echo "Registry__Cluster__ClusterId=$CLUSTER_ID"
}

start_silo() {
  local k=$1 http=$((SILO_HTTP_PORT_BASE + $1))
  mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
  spawn "silo$k" env $(cluster_env) $(tls_env silo) \
    Registry__Cluster__Storage=AzureTable \
    "Registry__Cluster__AzureTableConnectionString=$TABLES" \
    Registry__Cluster__AdvertisedIPAddress=127.0.0.1 \
    "Registry__Cluster__SiloPort=$((SILO_PORT_BASE + k))" \
    "Registry__Cluster__GatewayPort=$((SILO_GATEWAY_PORT_BASE + k))" \
    dotnet "$SILO_DLL" --contentRoot "$(dirname "$SILO_DLL")" --urls "http://127.0.0.1:$http"
}

wait_silo() {
  wait_for_url "http://127.0.0.1:$((SILO_HTTP_PORT_BASE + $1))/healthz/ready" 90 || { log "silo $1 did not become active (see $RUN_DIR/logs/silo$1.log)"; return 1; }
}

start_gateway() {
  local name=${1:-gateway} port=${2:-$GATEWAY_PORT}
  spawn "$name" env $(cluster_env) $(tls_env gateway) Registry__Cluster__Mode=Client \
    dotnet "$GATEWAY_DLL" --contentRoot "$(dirname "$GATEWAY_DLL")" --urls "http://127.0.0.1:$port"
  wait_for_url "http://127.0.0.1:$port/.well-known/openid-configuration" 90 || { log "$name did not answer (see $RUN_DIR/logs/$name.log)"; return 1; }
}

gateway_names() { find "$RUN_DIR/pids" -name 'gateway*.pid' 2>/dev/null | sed -E 's/.*\/(gateway[0-9]*)\.pid/\1/' | sort; }

silo_numbers() { find "$RUN_DIR/pids" -name 'silo*.pid' 2>/dev/null | sed -E 's/.*silo([0-9]+)\.pid/\1/' | sort -n; }

cmd_up() {
  alive redis && { log "already up (cluster.sh down first)"; exit 1; }
  ensure_tools
  rm -rf "$RUN_DIR"
  mkdir -p "$RUN_DIR/pids" "$RUN_DIR/logs"
  ensure_tls >&2
  start_redis
  start_azurite
  for k in $(seq 1 "$SILOS"); do start_silo "$k"; done
  for k in $(seq 1 "$SILOS"); do wait_silo "$k"; done
  start_gateway
  echo "http://127.0.0.1:$GATEWAY_PORT"
}

cmd_restart() {
  local silos
  silos=$(silo_numbers)
  stop gateway
  for k in $silos; do stop "silo$k"; done
  for k in $silos; do start_silo "$k"; done
  for k in $silos; do wait_silo "$k"; done
  start_gateway
  echo "http://127.0.0.1:$GATEWAY_PORT"
}

cmd_status() {
  for f in "$RUN_DIR"/pids/*.pid; do
    [ -f "$f" ] || continue
    local name pid state=dead
    name=$(basename "$f" .pid); pid=$(cat "$f")
    kill -0 "$pid" 2>/dev/null && state=running
    echo "$name $pid $state"
  done
}

cmd_down() {
  for g in $(gateway_names); do stop "$g"; done
  for k in $(silo_numbers); do stop "silo$k"; done
  stop azurite
  stop azurite-blob
  stop redis
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  kill-silo) [ -n "${2:-}" ] || { log "usage: kill-silo K"; exit 2; }; stop "silo$2" KILL ;;
  start-silo) [ -n "${2:-}" ] || { log "usage: start-silo K"; exit 2; }; alive "silo$2" && { log "silo $2 is running"; exit 1; }; start_silo "$2"; wait_silo "$2" ;;
  start-gateway) [ -n "${2:-}" ] && [ -n "${3:-}" ] && [ "$2" -ge 2 ] || { log "usage: start-gateway K PORT (K >= 2)"; exit 2; }
    alive "gateway$2" && { log "gateway $2 is running"; exit 1; }; start_gateway "gateway$2" "$3"; echo "http://127.0.0.1:$3" ;;
  restart) cmd_restart ;;
  restart-redis) stop redis; sleep "${REDIS_DOWN_SECONDS:-0}"; start_redis ;;
  status) cmd_status ;;
  install) ensure_tools ;;
  *) sed -n '2,25p' "$0"; exit 2 ;;
esac
