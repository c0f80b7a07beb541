namespace Registry.Hosting.Configuration;

/// <summary>How silos find each other.</summary>
public enum ClusteringKind
{
    Localhost,
    Redis,
}
