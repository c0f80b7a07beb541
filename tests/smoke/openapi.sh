#!/usr/bin/env bash
# The registry's OpenAPI document, checked by an independent validator: starts the registry with the README's
# run command (embedded default, Development), fetches /openapi/v1.json and validates it with swagger-parser
# (npm, OpenAPI 3.0 and 3.1 — ASP.NET Core 10 writes 3.1 — against the specification's JSON schema, plus its
# own checks: unique operation ids, declared path parameters), pinned and installed with npm into the tools
# cache like Azurite (deploy/local/cluster.sh). Checks that the document describes the admin API and the
# OAuth endpoints, and that the API reference page answers at /docs. Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh

SWAGGER_PARSER_VERSION=12.1.0
TOOLS_DIR=${TOOLS_DIR:-$HOME/.cache/registry-tools}
validator=$TOOLS_DIR/swagger-parser-$SWAGGER_PARSER_VERSION

pass=0
fail=0
check() {
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}

work=$(mktemp -d)
trap 'registry_stop; rm -rf "$work"' EXIT

if [ ! -f "$validator/node_modules/@apidevtools/swagger-parser/package.json" ]; then
  command -v node >/dev/null && command -v npm >/dev/null || ensure_apt_packages nodejs npm
  mkdir -p "$validator"
  if ! npm install --prefix "$validator" "@apidevtools/swagger-parser@$SWAGGER_PARSER_VERSION" --no-audit --no-fund --loglevel=error >"$work/npm.log" 2>&1; then
    cat "$work/npm.log"
    echo "smoke: 0 passed, 1 failed"
    exit 1
  fi
fi

B=http://127.0.0.1:$(free_port)
check "registry starts with the README command" registry_start "$B" "$work/registry.log"

status=$(curl -s -o "$work/openapi.json" -w '%{http_code}' "$B/openapi/v1.json")
check "/openapi/v1.json answers 200 with JSON" bash -c "test '$status' = 200 && jq -e . '$work/openapi.json' >/dev/null"
check "it is an OpenAPI 3.x document (ASP.NET Core 10 writes 3.1)" bash -c "jq -r .openapi '$work/openapi.json' | grep -qE '^3\.[01]\.[0-9]+$'"

# The validator; prints its findings when the document is not valid.
validate() {
  node -e '
    const SwaggerParser = require(process.argv[1] + "/node_modules/@apidevtools/swagger-parser");
    SwaggerParser.validate(process.argv[2])
      .then(api => console.log("valid OpenAPI " + api.openapi + ": " + Object.keys(api.paths || {}).length + " paths"))
      .catch(error => { console.error(error.message); process.exit(1); });
  ' "$validator" "$1"
}
check "swagger-parser $SWAGGER_PARSER_VERSION validates the document" validate "$work/openapi.json"

for path in /admin/tenants /admin/token /token /register; do
  check "the document describes $path" bash -c "jq -e --arg p '$path' '.paths | has(\$p)' '$work/openapi.json' >/dev/null"
done

status=$(curl -sL -o "$work/docs.html" -w '%{http_code} %{content_type}' "$B/docs")
check "/docs answers 200 with an HTML page (after its redirect to /docs/)" bash -c "[[ '$status' == '200 text/html'* ]] && grep -qi '<html' '$work/docs.html'"

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
