#!/usr/bin/env bash
# Registry as an MCP authorization server, federated to a real upstream OpenID Provider, driven by real client
# libraries from npm (tests/interop, versions pinned by its package-lock.json):
# - the upstream: node-oidc-provider (tests/interop/upstream.mjs) with its development login, on 127.0.0.1;
# - Registry started with the README's command, its default tenant federated to that upstream, in open
#   registration mode, public clients allowed, and one allowed resource: the MCP server the test runs;
# - mcp.test.mjs: the MCP TypeScript SDK's auth() with an OAuthClientProvider (discovery through the resource's
#   RFC 9728 metadata, dynamic registration, sign-in, consent, code, refresh) and its MCP client calling a tool of an
#   SDK MCP server that validates Registry's tokens; openid-client.test.mjs: openid-client, code + PKCE + refresh.
# The browser part is followed programmatically (tests/interop/lib/browser.mjs). Logs are kept in .run/mcp-interop/.
# Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

logs=.run/mcp-interop
work=$(mktemp -d)
trap 'registry_stop; upstream_stop; rm -rf "$work"' EXIT

setup_failed() {
  echo "$1"
  [ -n "${2:-}" ] && [ -f "$2" ] && tail -n 40 "$2"
  echo "smoke: 0 passed, 1 failed"
  exit 1
}

command -v node >/dev/null && command -v npm >/dev/null || ensure_apt_packages nodejs npm ||
  setup_failed "could not install nodejs/npm (apt)"
(cd tests/interop && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1) ||
  setup_failed "npm ci failed in tests/interop" "$work/npm.log"

mkdir -p "$logs"
rm -f "$logs"/*.log

# Three distinct free ports: Registry, the upstream, the MCP server (the test starts it; Registry must know it).
registry_port=$(free_port)
upstream_port=$(free_port)
while [ "$upstream_port" = "$registry_port" ]; do upstream_port=$(free_port); done
mcp_port=$(free_port)
while [ "$mcp_port" = "$registry_port" ] || [ "$mcp_port" = "$upstream_port" ]; do mcp_port=$(free_port); done
B=http://127.0.0.1:$registry_port
R=http://127.0.0.1:$mcp_port/mcp
registry_start_federated "$B" "$upstream_port" "$R" "$logs" || setup_failed "the federated registry did not start" "$logs/registry.log"
U=$UPSTREAM_ISSUER

(cd tests/interop && REGISTRY_URL="$B" MCP_PORT="$mcp_port" UPSTREAM_ISSUER="$U" \
  timeout 300 node --test --test-reporter=tap mcp.test.mjs openid-client.test.mjs) >"$logs/node.log" 2>&1
rc=$?
grep -E '^(not )?ok ' "$logs/node.log"
pass=$(grep -cE '^ok ' "$logs/node.log")
fail=$(grep -cE '^not ok ' "$logs/node.log")
if [ "$rc" -ne 0 ]; then
  cat "$logs/node.log"
  echo "--- registry log (tail; whole log in $logs/registry.log):"
  tail -n 60 "$logs/registry.log"
  echo "--- upstream log (tail):"
  tail -n 20 "$logs/upstream.log"
  [ "$fail" -eq 0 ] && fail=1
fi

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
