#!/usr/bin/env bash
# The container and Kubernetes files cannot run here (no Docker engine, no cluster), so this checks what
# can be checked: YAML syntax (yamllint), the compose file as Compose reads it (docker-compose config),
# Dockerfile shape (multi-stage, non-root, publishes a project that exists) and Kubernetes manifest
# structure (probes on real health paths, PDBs, non-root, config from ConfigMap/Secret).
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

check "kubernetes manifests: probes, disruption budgets, non-root, configuration" python3 - <<'PY'
import glob, sys, yaml
docs = [d for f in sorted(glob.glob("deploy/kubernetes/*.yaml")) if not f.endswith("kustomization.yaml")
        for d in yaml.safe_load_all(open(f)) if d]
kinds = {}
for d in docs:
    assert d.get("apiVersion") and d.get("kind") and d["metadata"].get("name"), d
    kinds.setdefault(d["kind"], []).append(d)
kustomization = yaml.safe_load(open("deploy/kubernetes/kustomization.yaml"))
for resource in kustomization["resources"]:
    assert glob.glob("deploy/kubernetes/" + resource), resource
deployments = kinds["Deployment"]
assert {d["metadata"]["name"] for d in deployments} == {"registry-silo", "registry-gateway"}
budgets = [p["spec"]["selector"]["matchLabels"] for p in kinds["PodDisruptionBudget"]]
for d in deployments:
    spec = d["spec"]["template"]["spec"]
    assert spec["securityContext"]["runAsNonRoot"] is True, d["metadata"]["name"]
    assert d["spec"]["selector"]["matchLabels"] in budgets, "no PodDisruptionBudget for " + d["metadata"]["name"]
    for c in spec["containers"]:
        assert c["readinessProbe"]["httpGet"]["path"] == "/healthz/ready"
        assert c["livenessProbe"]["httpGet"]["path"] == "/healthz/live"
        refs = {next(iter(e.values()))["name"] for e in c["envFrom"]}
        assert refs == {"registry-config", "registry-secrets"}, refs
config = {d["metadata"]["name"]: d for d in kinds["ConfigMap"] + kinds["Secret"]}
keys = list(config["registry-config"]["data"]) + list(config["registry-secrets"]["stringData"])
assert all(k.startswith("Registry__") for k in keys), keys
assert "Registry__Tenants__default__AdminClientSecret" in config["registry-secrets"]["stringData"]
service = kinds["Service"][0]
assert service["spec"]["selector"] == next(d for d in deployments if d["metadata"]["name"] == "registry-gateway")["spec"]["selector"]["matchLabels"]
PY

echo "smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
