namespace Registry.Hosting.Configuration;

/// <summary>
/// Kubernetes-native hosting of a silo ("Registry:Cluster:Kubernetes"), set by deploy/kubernetes; off everywhere
/// else (the embedded default, deploy/local/cluster.sh, containers outside Kubernetes). An explicit switch rather
/// than detecting KUBERNETES_SERVICE_HOST: a process that merely runs inside a pod (a CI job) keeps today's hosting.
/// </summary>
public sealed class RegistryKubernetesOptions
{
    /// <summary>
    /// A silo then uses Orleans' Kubernetes hosting: its silo name is its pod name (POD_NAME), it watches the silo
    /// pods of its namespace (POD_NAMESPACE) labelled orleans/serviceId and orleans/clusterId, and a silo whose pod
    /// was deleted is declared dead at once instead of after missed probes. Needs Redis clustering (membership stays
    /// in Redis) and a service account allowed to get, list, watch and patch pods.
    /// </summary>
    public bool Enabled { get; set; }
}
