#!/usr/bin/env bash
# The README's operator walk-through, for real: starts the registry with the README's run command (embedded
# default, Development: operator "operator"/"password") and runs the walk-through's commands against it — the
# operator creates tenant acme (mode initial_access_token) with registry-admin, issues an initial access token
# good for two registrations, a partner registers with it (curl), the operator lists and disables the client,
# whose token requests then get 401 invalid_client, and a third registration with the token is refused. Then
# registry-admin's error exits (1, 2, 64) against the real process, and its installation as a dotnet tool from
# the repository as the README's "Operator CLI" says. Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

pass=0
fail=0
check() {
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}

# The registry-admin lines of the README's operator walk-through (up to the next heading, without trailing
# comments): each must be run here, word for word, so the two cannot drift apart.
readme_cli_lines() {
  awk '/^## Operator walk-through/ { on = 1; next } on && /^##+ / { exit } on' README.md |
    grep -E '^(IAT=\$\()?registry-admin' | sed -E 's/ +# .*$//'
}
readme_in_sync() {
  local line found=0
  while IFS= read -r line; do
    found=1
    grep -qF -- "$line" tests/smoke/operator.sh || { echo "  README line not run by tests/smoke/operator.sh: $line"; return 1; }
  done < <(readme_cli_lines)
  [ "$found" = 1 ]
}
check "every registry-admin line of the README's operator walk-through is run here" readme_in_sync

work=$(mktemp -d)
trap 'registry_stop; rm -rf "$work"' EXIT

PORT=$(free_port)
check "registry starts with the README command" registry_start "http://127.0.0.1:$PORT" "$work/registry.log"

# --- README operator walk-through (same commands; B is this run's address instead of localhost:5000) ---
B=http://127.0.0.1:$PORT
export REGISTRY_URL=$B
check "the CLI builds" bash -c "dotnet build src/Cli/Registry.Cli -c Release -nologo -clp:ErrorsOnly >'$work/build.log' 2>&1"
registry-admin() { dotnet run --project src/Cli/Registry.Cli -c Release --no-build -- "$@"; }

# 1. The operator creates tenant acme
registry-admin tenants create acme --mode initial_access_token --allowed-scopes "openid profile" >"$work/tenant.txt"
check "tenants create acme exits 0" test $? = 0
cat "$work/tenant.txt"
check "the created tenant is in mode initial_access_token" grep -qE '^registration_mode +initial_access_token$' "$work/tenant.txt"
check "its generated admin secret is shown once, with a note" \
  bash -c "grep -q '^admin client secret (shown only once; store it now):$' '$work/tenant.txt' && test \"\$(tail -n 1 '$work/tenant.txt' | wc -c)\" -gt 8"
shown=$(registry-admin --output json tenants show acme)
check "tenants show acme (json): source admin_api, issuer under /tenants/acme" \
  test "$(jq -r '[.source, .issuer, (.allowed_scopes | join(" "))] | join(",")' <<<"$shown")" = "admin_api,$B/tenants/acme,openid profile"
check "tenants list shows acme" bash -c "$(declare -f registry-admin); registry-admin tenants list | grep -qE '^acme +initial_access_token +admin_api +$B/tenants/acme$'"

# 2. An initial access token for two registrations
IAT=$(registry-admin --output json tokens create acme --expires-in 86400 --max-uses 2 | jq -r .initial_access_token)
check "tokens create prints the token (json)" test "${#IAT}" -gt 20 -a "$IAT" != null

# 3. The partner registers a client with it
status=$(curl -s -o "$work/partner.json" -w '%{http_code}' -X POST "$B/tenants/acme/register" \
  -H "Authorization: Bearer $IAT" \
  -H 'Content-Type: application/json' \
  -d '{"client_name": "partner-billing", "grant_types": ["client_credentials"], "scope": "openid"}')
check "registration with the initial access token answers 201" test "$status" = 201
CLIENT_ID=$(jq -r .client_id "$work/partner.json"); CLIENT_SECRET=$(jq -r .client_secret "$work/partner.json")
check "the answer has a client_id and a client_secret" test -n "$CLIENT_ID" -a "$CLIENT_ID" != null -a "$CLIENT_SECRET" != null
check "the new client gets a token at /tenants/acme/token" \
  test "$(curl -s -o /dev/null -w '%{http_code}' -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$B/tenants/acme/token")" = 200

# 4. The operator lists the tenant's clients and disables the new one
registry-admin clients list acme >"$work/clients.txt"
check "clients list acme exits 0" test $? = 0
cat "$work/clients.txt"
check "clients list shows the new client, not disabled" grep -qE "^$CLIENT_ID +partner-billing +- +[0-9TZ:-]+ +false$" "$work/clients.txt"
registry-admin clients disable acme $CLIENT_ID >"$work/disabled.txt"
check "clients disable exits 0" test $? = 0
check "clients disable prints the client, disabled" grep -qE '^disabled +true$' "$work/disabled.txt"
check "clients show (json) says disabled" test "$(registry-admin --output json clients show acme $CLIENT_ID | jq -r .disabled)" = true
curl -s -o "$work/refused.json" -w '%{http_code}' -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials "$B/tenants/acme/token" >"$work/refused.status"
check "the disabled client's token request answers 401 invalid_client" \
  test "$(cat "$work/refused.status") $(jq -r .error "$work/refused.json")" = "401 invalid_client"

# 5. The token's second use registers one more client; the third is refused
status=$(curl -s -o "$work/second.json" -w '%{http_code}' -X POST "$B/tenants/acme/register" -H "Authorization: Bearer $IAT" \
  -H 'Content-Type: application/json' -d '{"client_name": "partner-reports", "grant_types": ["client_credentials"]}')
check "the second registration with the token answers 201" test "$status" = 201
status=$(curl -s -o "$work/third.json" -w '%{http_code}' -X POST "$B/tenants/acme/register" -H "Authorization: Bearer $IAT" \
  -H 'Content-Type: application/json' -d '{"client_name": "one-too-many", "grant_types": ["client_credentials"]}')
check "the third registration with the exhausted token answers 401" test "$status" = 401
registry-admin tokens list acme >"$work/tokens.txt"
cat "$work/tokens.txt"
check "tokens list shows the token used 2 of 2 times" grep -qE '^[^ ]+ +2/2 +[0-9TZ:-]+ +false$' "$work/tokens.txt"

# 6. Clean up
check "tenants delete acme exits 0" registry-admin tenants delete acme
# --- end of the README walk-through ---

check "the deleted tenant is gone: tenants show exits 1 with an error line" \
  bash -c "$(declare -f registry-admin); registry-admin tenants show acme 2>'$work/gone.err'; test \$? = 1 && grep -q '^error: ' '$work/gone.err'"

# --- registry-admin's exits against the real process ---
registry-admin --client-secret wrong-operator-secret tenants list >"$work/wrong.out" 2>"$work/wrong.err"
code=$?
check "a wrong operator secret exits 1 with 'error: invalid_client: …'" bash -c "test $code = 1 && grep -q '^error: invalid_client' '$work/wrong.err'"
check "the operator secret is never printed" bash -c "! grep -q wrong-operator-secret '$work/wrong.out' '$work/wrong.err'"
registry-admin --url "http://127.0.0.1:$(free_port)" tenants list 2>"$work/unreachable.err"
code=$?
check "an unreachable registry exits 2 with one line" bash -c "test $code = 2 && test \"\$(wc -l <'$work/unreachable.err')\" = 1"
registry-admin tenants create 2>/dev/null
check "a usage error exits 64" test $? = 64
check "the configured default tenant cannot be deleted (exit 1)" \
  bash -c "$(declare -f registry-admin); registry-admin tenants delete default 2>/dev/null; test \$? = 1"

# --- the README's "Operator CLI": packed and installed as a dotnet tool with the folder as the only package
# source (so no feed is asked), here into scratch folders with their own package cache ---
check "dotnet pack writes the tool package" bash -c "dotnet pack src/Cli/Registry.Cli -c Release -o '$work/tools' -nologo -clp:ErrorsOnly >'$work/pack.log' 2>&1 && ls '$work/tools'/Registry.Cli.*.nupkg >/dev/null"
check "dotnet tool install from the folder (its only source)" \
  bash -c "NUGET_PACKAGES='$work/nuget' dotnet tool install --prerelease --tool-path '$work/bin' --source '$work/tools' Registry.Cli >'$work/install.log' 2>&1"
check "the installed registry-admin lists tenants" bash -c "'$work/bin/registry-admin' tenants list | grep -qE '^default +'"

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
