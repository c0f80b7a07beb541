#!/usr/bin/env bash
# The API reference page (/docs) as a person sees it, in a real headless browser: starts the registry with the
# README's run command (embedded default, Development) and drives Debian's Chromium (apt) with playwright-core
# (npm, pinned, installed into the tools cache like Azurite and swagger-parser; it downloads no browser) through
# tests/smoke/docs-browser.mjs: the page renders the Scalar UI with the "Registry" title, shows operation
# summaries read from /openapi/v1.json, every request it makes stays on the registry's origin (the page must
# work offline) and answers below 400, and the console shows no error. Saves a screenshot under .run/.
# Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

screenshot=.run/docs-browser/docs.png

work=$(mktemp -d)
trap 'registry_stop; rm -rf "$work"' EXIT

setup_failed() {
  echo "$1"
  echo "smoke: 0 passed, 1 failed"
  exit 1
}

ensure_browser_tools || setup_failed "the browser tools could not be installed"

B=http://127.0.0.1:$(free_port)
registry_start "$B" "$work/registry.log" || setup_failed "FAIL registry starts with the README command"
echo "ok   registry starts with the README command"

mkdir -p "$(dirname "$screenshot")"
rm -f "$screenshot"
node tests/smoke/docs-browser.mjs "$B" "$PLAYWRIGHT_CORE" /usr/bin/chromium "$screenshot" \
  >"$work/browser.log" 2>&1
rc=$?
cat "$work/browser.log"
pass=$(( $(grep -cE '^ok ' "$work/browser.log") + 1 ))
fail=$(grep -cE '^FAIL ' "$work/browser.log")
# A driver that stopped early (it threw, or never got going) is a failure even without a FAIL line.
if [ "$rc" -ne 0 ] || [ "$pass" -lt 2 ]; then
  [ "$fail" -eq 0 ] && fail=1
fi
[ -f "$screenshot" ] && echo "screenshot: $screenshot"

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
