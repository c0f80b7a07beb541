#!/usr/bin/env bash
# Registry's consent page as a person sees it, in a real headless browser: starts the upstream OpenID Provider
# (node-oidc-provider with its development login, tests/interop/upstream.mjs) and Registry with the README's run
# command, its default tenant federated to that upstream in open registration mode; registers two public clients
# (one with an https logo, one with an http logo) and drives Debian's Chromium (apt) with playwright-core (npm,
# pinned, in the tools cache like docs-browser.sh; it downloads no browser), JavaScript off, through
# tests/smoke/consent-browser.mjs: /authorize, the upstream's login form and consent, Registry's consent page (the
# client's name and logo, the redirect host, the scopes and the resource as visible text; language, landmarks,
# labelled buttons, keyboard), Allow and Deny back to the client. Screenshots under .run/consent-browser/.
# Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

out=.run/consent-browser

work=$(mktemp -d)
trap 'registry_stop; upstream_stop; rm -rf "$work"' EXIT

setup_failed() {
  echo "$1"
  echo "smoke: 0 passed, 1 failed"
  exit 1
}

ensure_browser_tools || setup_failed "the browser tools could not be installed"
if ! (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error >"$work/npm-interop.log" 2>&1); then
  cat "$work/npm-interop.log"
  setup_failed "npm ci failed in tests/interop (the upstream OpenID Provider)"
fi

mkdir -p "$out"
rm -f "$out"/*.png "$out"/*.log

registry_port=$(free_port)
upstream_port=$(free_port)
while [ "$upstream_port" = "$registry_port" ]; do upstream_port=$(free_port); done
B=http://127.0.0.1:$registry_port
# The resource the clients ask for: only named, never contacted.
R=https://mcp.example/mcp
registry_start_federated "$B" "$upstream_port" "$R" "$out" || setup_failed "the federated registry did not start"
U=$UPSTREAM_ISSUER
echo "ok   registry starts with the README command, federated to the upstream"

timeout 240 node tests/smoke/consent-browser.mjs "$B" "$U" "$R" "$PLAYWRIGHT_CORE" /usr/bin/chromium "$out" \
  >"$work/browser.log" 2>&1
rc=$?
cat "$work/browser.log"
pass=$(( $(grep -cE '^ok ' "$work/browser.log") + 1 ))
fail=$(grep -cE '^FAIL ' "$work/browser.log")
# A driver that stopped early (it threw, or never got going) is a failure even without a FAIL line.
if [ "$rc" -ne 0 ] || [ "$pass" -lt 2 ]; then
  [ "$fail" -eq 0 ] && fail=1
fi
if [ "$fail" -ne 0 ]; then
  echo "--- registry log (tail; whole log in $out/registry.log):"
  tail -n 40 "$out/registry.log"
fi
for shot in "$out"/*.png; do [ -f "$shot" ] && echo "screenshot: $shot"; done

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
