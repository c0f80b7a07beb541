#!/usr/bin/env bash
# The whole test suite, as the README says: ./test.sh
# Builds the solution (warnings are errors), runs every test project, then walks the README's curl
# flow against the real registry process. Installs what it needs (jq, openssl, curl) when missing.
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

ensure_apt_packages curl jq openssl || { echo "could not install curl/jq/openssl"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p .run
log=.run/dotnet-test.log
passed=0
failed=0

if ! dotnet build Registry.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test Registry.sln -c Release --no-build -nologo 2>&1 | tee "$log"
while read -r f p; do
  passed=$((passed + p)); failed=$((failed + f))
done < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\1 \2/')
projects=$(find tests -name '*.Tests.csproj' | wc -l)
reported=$(grep -cE '^(Passed|Failed)! +- Failed:' "$log")
if [ "$reported" -ne "$projects" ]; then
  echo "only $reported of $projects test projects reported results"
  failed=$((failed + projects - reported))
fi

for smoke in tests/smoke/*.sh; do
  smoke_log=".run/$(basename "$smoke" .sh).log"
  bash "$smoke" 2>&1 | tee "$smoke_log"
  out=$(tail -n 1 "$smoke_log")
  if [[ "$out" =~ ^smoke:\ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
  else
    echo "$smoke did not finish"; failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
