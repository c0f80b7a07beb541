#!/usr/bin/env bash
# The README walk-through, for real: starts the registry with the README's run command (embedded default)
# and runs the README's curl flow against it, checking every answer and what operators see (/metrics,
# promtool, a console trace); then checks configuration through environment variables and the one-line
# startup error. Verifies the access token's RS256 signature with
# OpenSSL against /jwks, independently of .NET. Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

pass=0
fail=0
check() {
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}

work=$(mktemp -d)
trap 'registry_stop; rm -rf "$work"' EXIT

PORT=$(free_port)
B=http://127.0.0.1:$PORT
start_registry() { registry_start "$B" "$work/registry.log" "$@"; }
stop_registry() { registry_stop; }

b64url_decode() {
  local s
  s=$(printf '%s' "$1" | tr '_-' '/+')
  case $(( ${#s} % 4 )) in 2) s="$s==" ;; 3) s="$s=" ;; esac
  printf '%s' "$s" | base64 -d
}

# RS256 check with OpenSSL: rebuild the public key from the JWK (n, e) found by the token's kid.
verify_jwt_with_openssl() {
  local token=$1 jwks=$2 header payload signature kid n e
  IFS=. read -r header payload signature <<<"$token"
  kid=$(b64url_decode "$header" | jq -r .kid)
  n=$(jq -r --arg k "$kid" '.keys[] | select(.kid == $k) | .n' <<<"$jwks")
  e=$(jq -r --arg k "$kid" '.keys[] | select(.kid == $k) | .e' <<<"$jwks")
  [ -n "$n" ] || return 1
  cat >"$work/key.cnf" <<CNF
asn1=SEQUENCE:pubkeyinfo
[pubkeyinfo]
algorithm=SEQUENCE:rsa_alg
pubkey=BITWRAP,SEQUENCE:rsapubkey
[rsa_alg]
algorithm=OID:rsaEncryption
parameter=NULL
[rsapubkey]
n=INTEGER:0x$(b64url_decode "$n" | od -An -v -tx1 | tr -d ' \n')
e=INTEGER:0x$(b64url_decode "$e" | od -An -v -tx1 | tr -d ' \n')
CNF
  openssl asn1parse -genconf "$work/key.cnf" -out "$work/key.der" -noout >/dev/null &&
    openssl pkey -pubin -inform DER -in "$work/key.der" -out "$work/key.pem" &&
    b64url_decode "$signature" >"$work/sig.bin" &&
    printf '%s' "$header.$payload" | openssl dgst -sha256 -verify "$work/key.pem" -signature "$work/sig.bin" >/dev/null
}

check "registry starts with the README command (console trace exporter on)" start_registry OTEL_TRACES_EXPORTER=console

# --- README walk-through (same commands) ---
TOKEN=$(curl -s -X POST "$B/token" \
  -H 'Content-Type: application/x-www-form-urlencoded' \
  -d 'client_id=registerClient&grant_type=client_credentials&client_secret=password&scope=register' | jq -r .access_token)
check "admin token issued" test "${#TOKEN}" -gt 100

status=$(curl -s -o "$work/client.json" -w '%{http_code}' -X POST "$B/register" \
  -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"grant_types": ["client_credentials"], "scope": "openid profile", "redirect_uris": ["https://tmp.com"]}')
check "register answers 201" test "$status" = 201
CLIENT_ID=$(jq -r .client_id "$work/client.json")
CLIENT_SECRET=$(jq -r .client_secret "$work/client.json")
RAT=$(jq -r .registration_access_token "$work/client.json")
URI=$(jq -r .registration_client_uri "$work/client.json")
check "registration_client_uri is {issuer}/register/{client_id}" test "$URI" = "$B/register/$CLIENT_ID"
check "grant_types echoed as sent" test "$(jq -c .grant_types "$work/client.json")" = '["client_credentials"]'

ACCESS=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$B/token" | jq -r .access_token)
check "client token verifies with OpenSSL against /jwks" verify_jwt_with_openssl "$ACCESS" "$(curl -s "$B/jwks")"
claims=$(b64url_decode "$(cut -d. -f2 <<<"$ACCESS")")
check "token claims iss/sub/scope" test "$(jq -r '[.iss, .sub, .client_id, .scope] | join(" ")' <<<"$claims")" = "$B $CLIENT_ID $CLIENT_ID openid profile"

check "read with the registration access token" test "$(curl -s -o /dev/null -w '%{http_code}' "$URI" -H "Authorization: Bearer $RAT")" = 200
status=$(curl -s -o "$work/updated.json" -w '%{http_code}' -X PUT "$URI" -H "Authorization: Bearer $RAT" \
  -H 'Content-Type: application/json' \
  -d "{\"client_id\": \"$CLIENT_ID\", \"grant_types\": [\"client_credentials\"], \"scope\": \"openid\", \"client_name\": \"billing\"}")
check "update answers 200" test "$status" = 200
NEW_RAT=$(jq -r .registration_access_token "$work/updated.json")
check "update rotates the registration access token" test "$(curl -s -o /dev/null -w '%{http_code}' "$URI" -H "Authorization: Bearer $RAT")" = 401
check "delete answers 204" test "$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$URI" -H "Authorization: Bearer $NEW_RAT")" = 204
check "deleted client cannot get tokens" test "$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$B/token" | jq -r .error)" = invalid_client
check "default-password warning logged" grep -q "SECURITY WARNING" "$work/registry.log"

# --- observability: the registration in /metrics, a connected trace on the console exporter ---
curl -s "$B/metrics" >"$work/metrics.txt"
check "/metrics counts the registration" grep -qE '^registry_registrations_total\{.*outcome="success".*tenant="default"\} [1-9]' "$work/metrics.txt"
check "/metrics counts tokens and deletes" grep -qE '^registry_(tokens|client_deletes)_total\{' "$work/metrics.txt"
# promtool exits 0 (clean), 3 (lint remarks) or 1 (unparsable). Orleans' and .NET's own names get lint
# remarks (their owners publish them so); Registry's never may, and the whole text must parse.
whole_metrics_parse() {
  local out rc
  command -v promtool >/dev/null || return 1
  out=$(promtool check metrics <"$work/metrics.txt" 2>&1)
  rc=$?
  [ "$rc" -eq 0 ] || { [ "$rc" -eq 3 ] && ! grep -q "error while linting" <<<"$out" && ! grep -q "^registry_" <<<"$out"; }
}
check "promtool parses the whole /metrics output; no remark on registry_* metrics" whole_metrics_parse
check "promtool finds no lint problem in registry_* metrics" \
  bash -c "grep -E '^(# (HELP|TYPE) )?registry_' '$work/metrics.txt' | promtool check metrics"
awk '/Activity.TraceId:/ { trace = $2 } /Activity.DisplayName:/ { $1 = ""; print trace substr($0, 1) }' "$work/registry.log" >"$work/spans.txt"
trace=$(grep -m1 ' POST /register$' "$work/spans.txt" | cut -d' ' -f1)
check "console trace: POST /register -> IClientGrain/Register -> write storage" \
  bash -c "[ -n '$trace' ] && grep -qx '$trace IClientGrain/Register' '$work/spans.txt' && grep -qx '$trace write storage' '$work/spans.txt'"
stop_registry

# --- configuration through environment variables ---
check "registry starts with its address and admin secret from the environment" \
  start_registry ASPNETCORE_URLS="$B" Registry__Tenants__default__AdminClientSecret=env-provided-secret
check "the default bootstrap secret no longer works" test "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$B/token" -d 'client_id=registerClient&grant_type=client_credentials&client_secret=password')" = 401
check "the configured secret works" test "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$B/token" -d 'client_id=registerClient&grant_type=client_credentials&client_secret=env-provided-secret')" = 200
check "no default-password warning" bash -c "test -s '$work/registry.log' && ! grep -q 'SECURITY WARNING' '$work/registry.log'"
stop_registry

# --- a misconfiguration stops startup with one clear message ---
Registry__Tenants__acme__AllowedScopes__0=openid timeout 90 dotnet run --project src/Gateway/Registry.Gateway -c Release --no-build -- \
  --urls "$B" >"$work/bad.out" 2>"$work/bad.err"
code=$?
check "misconfiguration exits with code 2" test "$code" = 2
check "misconfiguration names the key in one line" grep -q "Registry cannot start: invalid configuration: Registry:Tenants:acme:AdminClientSecret is required" "$work/bad.err"
check "misconfiguration prints no stack trace" bash -c "test -s '$work/bad.err' && ! grep -q '   at ' '$work/bad.err' '$work/bad.out'"

# --- Production, as a deployment runs it (the dll, no launch profile): the quick start's defaults are refused ---
gateway_dll=src/Gateway/Registry.Gateway/bin/Release/net10.0/Registry.Gateway.dll
(cd "$(dirname "$gateway_dll")" && timeout 90 dotnet Registry.Gateway.dll --urls "$B") >"$work/prod.out" 2>"$work/prod.err"
code=$?
check "Production with the default bootstrap secret exits with code 2" test "$code" = 2
check "Production names the default secret's key" grep -q "Registry:Tenants:default:AdminClientSecret must be set to a random secret outside Development" "$work/prod.err"
check "Production names the missing issuer or host allowlist" grep -q "Registry:Issuer or AllowedHosts must be set outside Development" "$work/prod.err"
strong=$(openssl rand -base64 33)
(cd "$(dirname "$gateway_dll")" && exec setsid env AllowedHosts=127.0.0.1 "Registry__Tenants__default__AdminClientSecret=$strong" \
  dotnet Registry.Gateway.dll --urls "$B" --Registry:Cluster:SiloPort="$(free_port)" --Registry:Cluster:GatewayPort="$(free_port)") \
  >"$work/prod.log" 2>&1 &
REGISTRY_PID=$!
check "Production starts with a strong secret and an allowlist" wait_for_url "$B/.well-known/openid-configuration" 90
check "Production answers 400 to a foreign Host" test "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$B/.well-known/openid-configuration")" = 400
check "Production serves the allowed host, cacheable only privately" bash -c "curl -sfi '$B/jwks' | grep -qi '^cache-control: private'"
stop_registry

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
