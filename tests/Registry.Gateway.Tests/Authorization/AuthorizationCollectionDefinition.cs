namespace Registry.Gateway.Tests.Authorization;

/// <summary>The authorization tests share one upstream and one gateway; within the collection they run one at a time (the upstream's knobs are global).</summary>
[CollectionDefinition(Name)]
public sealed class AuthorizationCollectionDefinition : ICollectionFixture<AuthorizationFixture>
{
    public const string Name = "authorization";
}
