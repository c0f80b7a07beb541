#!/usr/bin/env bash
# Registry driven by a real OAuth client library from npm (tests/interop/oauth4webapi.test.mjs), against the real
# process started with the README's command: discovery, tokens, dynamic registration, and how errors surface
# in the library. Installs Node.js/npm when missing and the libraries with npm ci (versions pinned by
# tests/interop/package-lock.json). Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

work=$(mktemp -d)
trap 'registry_stop; rm -rf "$work"' EXIT

command -v node >/dev/null && command -v npm >/dev/null || ensure_apt_packages nodejs npm
if ! (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1); then
  cat "$work/npm.log"
  echo "smoke: 0 passed, 1 failed"
  exit 1
fi

B=http://127.0.0.1:$(free_port)
if ! registry_start "$B" "$work/registry.log"; then
  echo "smoke: 0 passed, 1 failed"
  exit 1
fi

(cd tests/interop && REGISTRY_URL="$B" node --test --test-reporter=tap oauth4webapi.test.mjs) >"$work/node.log" 2>&1
rc=$?
grep -E '^(not )?ok ' "$work/node.log"
pass=$(grep -cE '^ok ' "$work/node.log")
fail=$(grep -cE '^not ok ' "$work/node.log")
if [ "$rc" -ne 0 ]; then
  cat "$work/node.log"
  [ "$fail" -eq 0 ] && fail=1
fi

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
