#!/usr/bin/env bash
# The whole test suite, as the README says: ./test.sh
# Builds the solution (warnings are errors), installs what the tests need when missing (curl, jq, openssl,
# prometheus for promtool, redis-server and yamllint/docker-compose from apt, Azurite from npm), runs every test project (the
# failover tests start real Redis, Azurite, silo and gateway processes through deploy/local/cluster.sh),
# then the script checks: the README's curl flow against the real registry, and the deployment files.
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
. scripts/lib.sh

ensure_apt_packages curl jq openssl prometheus || { echo "could not install curl/jq/openssl/prometheus (promtool)"; echo "0 passed, 1 failed"; exit 1; }

mkdir -p .run
log=.run/dotnet-test.log
passed=0
failed=0

if ! dotnet build Registry.sln -c Release -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

if ! deploy/local/cluster.sh install; then
  echo "could not install redis-server / Azurite for the failover tests"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time (-m:1): the failover tests need both cores for their five processes.
dotnet test Registry.sln -c Release --no-build -nologo -m:1 2>&1 | tee "$log"
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
