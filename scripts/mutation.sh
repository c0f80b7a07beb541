#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the version pinned in dotnet-tools.json), in a scratch copy of the
# repository under .run/mutation/ (Stryker rewrites build outputs in place; the working tree's stay as built).
# What is mutated, by which tests, and the thresholds: the target's tests/<project>/stryker-config.json.
#
#   scripts/mutation.sh protocol   the protocol core, Registry.Protocol, with tests/Registry.Protocol.Tests
#                                  (~20 min on 2 cores; fails below 85 %, as ./test.sh runs it)
#   scripts/mutation.sh gateway    the gateway's token and bearer code (Tokens/, TokenEndpoint, OAuthErrorMapping)
#                                  with tests/Registry.Gateway.Tests (~15 min on 2 cores; a report, no threshold)
#
# The property-based tests (tests/Registry.Protocol.Tests/Fuzzing) run REGISTRY_FUZZ_ITERATIONS inputs per property;
# Stryker runs them for every mutant they cover, so mutation runs give each property 100 inputs (an ordinary test
# run gives thousands) to stay quick; the score rests on the table-driven tests. A value already set wins.
#
# The HTML report: .run/mutation/<target>/report/reports/mutation-report.html. Last line:
# "mutation: <target> score N %" (or "mutation: <target> failed").
set -uo pipefail
cd "$(dirname "$0")/.."

target=${1:-protocol}
case "$target" in
  protocol) tests=tests/Registry.Protocol.Tests ;;
  gateway) tests=tests/Registry.Gateway.Tests ;;
  *) echo "usage: scripts/mutation.sh protocol|gateway" >&2; exit 2 ;;
esac

work=.run/mutation/$target
rm -rf "$work"
mkdir -p "$work/repo"
tar -c --exclude=./.git --exclude=./.run --exclude='*/bin' --exclude='*/obj' --exclude='*/node_modules' --exclude='*/StrykerOutput' . |
  tar -x -C "$work/repo"

log=$PWD/$work/stryker.log
(
  cd "$work/repo" &&
    dotnet tool restore >/dev/null &&
    cd "$tests" &&
    REGISTRY_FUZZ_ITERATIONS=${REGISTRY_FUZZ_ITERATIONS:-100} dotnet stryker --output "$PWD/../../../report"
) >"$log" 2>&1
rc=$?

score=$(sed -nE 's/.*The final mutation score is ([0-9.]+) %.*/\1/p' "$log" | tail -n 1)
grep -E "mutants (created|got status)|total mutants|Killed|Survived|Timeout" "$log" | sed -E 's/^\[[^]]*\] //'
if [ -z "$score" ]; then
  tail -n 30 "$log"
  echo "mutation: $target failed"
  exit 1
fi

echo "report: $work/report/reports/mutation-report.html"
echo "mutation: $target score $score %"
exit "$rc"
