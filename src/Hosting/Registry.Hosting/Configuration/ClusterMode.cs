namespace Registry.Hosting.Configuration;

/// <summary>How the HTTP gateway reaches the grains.</summary>
public enum ClusterMode
{
    Embedded,
    Client,
}
