namespace Registry.Protocol.Metadata;

/// <summary>subject_type values (OpenID Connect Core §8).</summary>
public static class SubjectTypes
{
    public const string Public = "public";
    public const string Pairwise = "pairwise";
}
