#!/usr/bin/env bash
# Prints the version of HEAD as the build computes it (MinVer, from git tags vX.Y.Z; untagged: 0.2.0-alpha.0.<height>),
# for release tooling: image tags, docker build --build-arg MINVER_VERSION. The same settings as Directory.Build.props.
# Needs the git history (a shallow clone counts only the commits it has: fetch tags and history first).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet minver --tag-prefix v --minimum-major-minor 0.2 --verbosity error "$@"
