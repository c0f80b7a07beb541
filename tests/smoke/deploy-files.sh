#!/usr/bin/env bash
# The container and Kubernetes files cannot run here (no Docker engine, no cluster), so this checks what
# can be checked: YAML syntax (yamllint), the compose file as Compose reads it (docker-compose config),
# Dockerfile shape (multi-stage, non-root, publishes a project that exists), the Kubernetes manifests against the
# Kubernetes JSON schemas (tests/smoke/k8s-validate, npm kubernetes-models) and their structure
# (tests/smoke/k8s-validate/structure.py: management port, secrets per Deployment, TLS, RBAC, NetworkPolicy, tags).
# Last line: "smoke: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib.sh
ensure_apt_packages yamllint docker-compose python3-yaml prometheus >/dev/null 2>&1

pass=0
fail=0
check() {
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $name"; else fail=$((fail + 1)); echo "FAIL $name"; fi
}

# A tool that is missing fails its checks: every check below runs a real tool and reads its answer.
check "yamllint, docker-compose and promtool are installed" \
  bash -c 'command -v yamllint && command -v docker-compose && command -v promtool' >/dev/null

check "yamllint: deploy/ is valid YAML" yamllint -s -c .yamllint.yml deploy
check "docker-compose config accepts deploy/docker-compose.yml" \
  env REGISTRY_ADMIN_SECRET=check docker-compose -f deploy/docker-compose.yml config -q
compose_refusal() {
  local out
  command -v docker-compose >/dev/null || return 1
  out=$(env -u REGISTRY_ADMIN_SECRET docker-compose -f deploy/docker-compose.yml config -q 2>&1) && return 1
  grep -q "set REGISTRY_ADMIN_SECRET" <<<"$out"
}
check "compose refuses to start without an admin secret (and says which)" compose_refusal

check "promtool accepts deploy/observability/prometheus.yml" promtool check config deploy/observability/prometheus.yml

dockerfile_ok() {
  local file=$1 project dll
  project=$(sed -nE 's/^RUN dotnet publish ([^ ]+) .*/\1/p' "$file")
  dll=$(sed -nE 's/^ENTRYPOINT \["dotnet", "([^"]+)"\]/\1/p' "$file")
  [ "$(grep -c '^FROM ' "$file")" -ge 2 ] &&
    grep -q '^USER \$APP_UID' "$file" &&
    grep -q '^FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled' "$file" &&
    [ -f "$project/$(basename "$project").csproj" ] &&
    [ "$dll" = "$(basename "$project").dll" ]
}
for file in deploy/docker/Dockerfile.*; do
  check "$file: multi-stage, chiseled non-root runtime, publishes an existing project" dockerfile_ok "$file"
done

# Schema validation: every document of every file kustomization.yaml lists, against the Kubernetes OpenAPI schemas
# (npm kubernetes-models, pinned in tests/smoke/k8s-validate/package-lock.json); an unknown apiVersion/kind fails.
validator=tests/smoke/k8s-validate
validator_ready() {
  { command -v node && command -v npm; } >/dev/null 2>&1 || ensure_apt_packages nodejs npm >/dev/null 2>&1 || return 1
  (cd "$validator" && npm ci --no-audit --no-fund --loglevel=error) >/dev/null 2>&1
}
check "the manifest validator installs (nodejs from apt, kubernetes-models and yaml from npm)" validator_ready
check "deploy/kubernetes: every document valid against the Kubernetes schemas" \
  node "$validator/k8s-validate.mjs" deploy/kubernetes/kustomization.yaml
# The validator must be able to fail: known-broken manifests, each refused for the reason it was broken for.
refuses() {
  local dir=$1 reason=$2 out
  out=$(node "$validator/k8s-validate.mjs" "$validator/broken/$dir/kustomization.yaml" 2>&1) && return 1
  grep -qF -- "$reason" <<<"$out"
}
check "the validator refuses a Deployment with a string for replicas" refuses wrong-type "spec/replicas must be integer"
check "the validator refuses an unknown kind" refuses unknown-kind "unknown apiVersion/kind apps/v1/Deploymnet"

check "kubernetes manifests: management port, configuration and secrets per Deployment, TLS, RBAC, NetworkPolicy" \
  python3 tests/smoke/k8s-validate/structure.py

# Image tags are versions, never latest (kustomization and compose; third-party images pinned too).
versions_not_latest() {
  python3 - <<'PY'
import yaml
k = yaml.safe_load(open("deploy/kubernetes/kustomization.yaml"))
assert {i["name"]: str(i["newTag"]) for i in k["images"]} == {"registry-silo": "0.2.0", "registry-gateway": "0.2.0"}, k["images"]
compose = yaml.safe_load(open("deploy/docker-compose.yml"))
images = {name: s["image"] for name, s in compose["services"].items()}
for name, image in images.items():
    assert ":" in image and not image.endswith(":latest"), (name, image)
assert {images["silo1"], images["silo2"], images["gateway"]} == {"registry-silo:0.2.0", "registry-gateway:0.2.0"}, images
PY
  [ $? -eq 0 ] && ! grep -rnE '(image|newTag):.*latest' deploy
}
check "image tags are versions (0.2.0), never latest" versions_not_latest

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
