namespace Registry.Gateway.Tests.Admin;

[CollectionDefinition(Name)]
public sealed class AdminCollectionDefinition : ICollectionFixture<AdminFixture>
{
    public const string Name = "admin";
}
