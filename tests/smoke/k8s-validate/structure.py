"""Structural checks of deploy/kubernetes beyond the schemas (run from the repository root by tests/smoke/deploy-files.sh):
probes and metrics on the management port, configuration and secrets split per Deployment, cluster TLS secrets,
Orleans' Kubernetes hosting and its RBAC, the NetworkPolicy, the public Service, resources and image tags."""
import glob
import re

import yaml

kustomization = yaml.safe_load(open("deploy/kubernetes/kustomization.yaml"))
files = ["deploy/kubernetes/" + r for r in kustomization["resources"]]
assert sorted(files) == sorted(f for f in glob.glob("deploy/kubernetes/*.yaml") if not f.endswith("kustomization.yaml")), files
docs = [d for f in files for d in yaml.safe_load_all(open(f)) if d]
kinds = {}
for d in docs:
    assert d.get("apiVersion") and d.get("kind") and d["metadata"].get("name"), d
    kinds.setdefault(d["kind"], []).append(d)
named = {(d["kind"], d["metadata"]["name"]): d for d in docs}
deployments = {d["metadata"]["name"]: d for d in kinds["Deployment"]}
assert set(deployments) == {"registry-silo", "registry-gateway"}
budgets = [p["spec"]["selector"]["matchLabels"] for p in kinds["PodDisruptionBudget"]]


def settings(container):
    """Every setting a container gets: ConfigMaps and Secrets through envFrom, then env."""
    values = {}
    for source in container.get("envFrom", []):
        kind, ref = ("ConfigMap", source["configMapRef"]) if "configMapRef" in source else ("Secret", source["secretRef"])
        doc = named[(kind, ref["name"])]
        values.update(doc.get("data") or doc.get("stringData") or {})
    for e in container.get("env", []):
        values[e["name"]] = e.get("value", e.get("valueFrom"))
    return values


expected_config = {"registry-silo": {"registry-config", "registry-silo-config", "registry-silo-secrets"},
                   "registry-gateway": {"registry-config", "registry-gateway-config", "registry-gateway-secrets"}}
for name, d in deployments.items():
    spec = d["spec"]["template"]["spec"]
    assert spec["securityContext"]["runAsNonRoot"] is True, name
    assert d["spec"]["selector"]["matchLabels"] in budgets, "no PodDisruptionBudget for " + name
    annotations = d["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/port"] == "8081" and annotations["prometheus.io/path"] == "/metrics", (name, annotations)
    for c in spec["containers"]:
        ports = {p["name"]: p["containerPort"] for p in c["ports"]}
        assert ports.get("management") == 8081, (name, ports)
        for probe, path in (("readinessProbe", "/healthz/ready"), ("livenessProbe", "/healthz/live")):
            assert c[probe]["httpGet"]["path"] == path, (name, probe)
            port = c[probe]["httpGet"]["port"]
            assert ports.get(port, port) == 8081, (name, probe, "not on the management port")
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(c["resources"][kind]), (name, c["name"], kind)
        assert re.fullmatch(r"registry-(silo|gateway):\d+\.\d+\.\d+", c["image"]), (name, c["image"])
        refs = {next(iter(e.values()))["name"] for e in c["envFrom"]}
        assert refs == expected_config[name], (name, refs)
        values = settings(c)
        assert all(k.startswith(("Registry__", "POD_", "ASPNETCORE_")) for k in values), values
        assert values["Registry__Management__Port"] == "8081", name
        assert values["Registry__Cluster__RedisConnectionString"], name
        # Cluster TLS: this Deployment's own certificate, mounted read-only where the settings point.
        assert values["Registry__Cluster__Tls__Enabled"] == "true", name
        mounts = {m["name"]: m for m in c["volumeMounts"]}
        secrets = [v for v in spec["volumes"] if "secret" in v]
        assert [v["secret"]["secretName"] for v in secrets] == [name + "-tls"], (name, secrets)
        mount = mounts[secrets[0]["name"]]
        assert mount["mountPath"] == "/etc/registry/cluster-tls" and mount["readOnly"] is True, name
        for key, file in (("CertificatePath", "tls.crt"), ("KeyPath", "tls.key"), ("CaPath", "ca.crt")):
            assert values["Registry__Cluster__Tls__" + key] == "/etc/registry/cluster-tls/" + file, (name, key)

silo = settings(deployments["registry-silo"]["spec"]["template"]["spec"]["containers"][0])
gateway = settings(deployments["registry-gateway"]["spec"]["template"]["spec"]["containers"][0])
# The gateway gets no storage credential and no tenant bootstrap secret; the silo gets them.
for key, value in gateway.items():
    assert not re.search(r"AzureTable|DataProtection|Storage|AdminClientSecret", key), ("the gateway gets", key)
    assert "AccountKey" not in str(value) and "AccountName" not in str(value), ("the gateway gets a storage account in", key)
assert gateway["Registry__Cluster__Mode"] == "Client"
for key in ("Registry__Cluster__AzureTableConnectionString", "Registry__DataProtection__BlobConnectionString",
            "Registry__Tenants__default__AdminClientSecret"):
    assert silo[key], key
assert silo["Registry__Cluster__Storage"] == "AzureTable"

# Orleans' Kubernetes hosting on the silos: the switch, pod identity, labels equal to the cluster ids, RBAC.
assert silo["Registry__Cluster__Kubernetes__Enabled"] == "true" and "Registry__Cluster__Kubernetes__Enabled" not in gateway


def field(value):
    return value["fieldRef"]["fieldPath"]


assert (field(silo["POD_NAME"]), field(silo["POD_NAMESPACE"])) == ("metadata.name", "metadata.namespace")
assert field(silo["Registry__Cluster__AdvertisedIPAddress"]) == field(silo["POD_IP"]) == "status.podIP"
assert "ORLEANS_CLUSTER_ID" not in silo and "ORLEANS_SERVICE_ID" not in silo
labels = deployments["registry-silo"]["spec"]["template"]["metadata"]["labels"]
assert (labels["orleans/serviceId"], labels["orleans/clusterId"]) == (silo["Registry__Cluster__ServiceId"], silo["Registry__Cluster__ClusterId"])
silo_pod = deployments["registry-silo"]["spec"]["template"]["spec"]
gateway_pod = deployments["registry-gateway"]["spec"]["template"]["spec"]
role = named[("Role", "registry-silo-pods")]
assert [(r["apiGroups"], r["resources"], set(r["verbs"])) for r in role["rules"]] == [([""], ["pods"], {"get", "list", "watch", "patch"})], role["rules"]
binding = named[("RoleBinding", "registry-silo-pods")]
assert binding["roleRef"]["name"] == "registry-silo-pods"
assert binding["subjects"] == [{"kind": "ServiceAccount", "name": silo_pod["serviceAccountName"], "namespace": "registry"}]
assert silo_pod["serviceAccountName"] == "registry-silo"
assert gateway_pod["serviceAccountName"] == "registry-gateway" and gateway_pod["automountServiceAccountToken"] is False
assert named[("ServiceAccount", "registry-gateway")]["automountServiceAccountToken"] is False
assert [b for b in kinds["RoleBinding"] if any(s["name"] == "registry-gateway" for s in b["subjects"])] == []

# The public Service: the gateway's public port, never the management port.
assert len(kinds["Service"]) == 1
service = named[("Service", "registry-gateway")]
assert service["spec"]["selector"] == deployments["registry-gateway"]["spec"]["selector"]["matchLabels"]
for p in service["spec"]["ports"]:
    assert p["targetPort"] in ("http", 8080) and p["port"] != 8081, p

# NetworkPolicy: deny by default; silo ports reachable only from the pods that need them; nothing open by accident.
policies = {p["metadata"]["name"]: p["spec"] for p in kinds["NetworkPolicy"]}
deny = policies["registry-default-deny"]
assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"} and "ingress" not in deny and "egress" not in deny


def component(name):
    return {"app.kubernetes.io/name": "registry", "app.kubernetes.io/component": name}


def ingress_to(port, selector):
    """The sources admitted to a port of the pods a selector picks: one 'from' list per rule (None: from anywhere)."""
    sources = []
    for spec in policies.values():
        if spec["podSelector"] not in ({}, {"matchLabels": selector}) or "Ingress" not in spec["policyTypes"]:
            continue
        for rule in spec.get("ingress", []):
            if "ports" not in rule or any(p["port"] == port for p in rule["ports"]):
                sources.append(rule.get("from"))
    return sources


def egress_ports(name):
    return {p["port"] for s in policies.values() if s["podSelector"] == {"matchLabels": component(name)}
            for r in s.get("egress", []) for p in r.get("ports", [])}


assert ingress_to(11111, component("silo")) == [[{"podSelector": {"matchLabels": component("silo")}}]]
assert ingress_to(30000, component("silo")) == [[{"podSelector": {"matchLabels": component("gateway")}}]]
for target in ("silo", "gateway"):
    monitoring = ingress_to(8081, component(target))
    assert len(monitoring) == 1 and monitoring[0] and all("namespaceSelector" in s for s in monitoring[0]), (target, monitoring)
assert ingress_to(8080, component("gateway")) == [None]
assert ingress_to(8080, component("silo")) == [], "nothing reaches a silo's port 8080"
assert {11111, 6379, 6380, 443, 6443, 53} <= egress_ports("silo"), egress_ports("silo")
assert {30000, 6379, 6380, 53} <= egress_ports("gateway") and 11111 not in egress_ports("gateway"), egress_ports("gateway")
print("structure: ok")
