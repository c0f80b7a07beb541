using System.Text;
using System.Text.Json;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

internal static class TestData
{
    /// <summary>The customer's seed request body, unchanged.</summary>
    public const string SeedRequest = """
        {
            "grant_types": ["client_credentials"],
            "scope": "openid profile",
            "redirect_uris": ["https://tmp.com"]
        }
        """;

    public static readonly RegistrationPolicy Policy = new()
    {
        AllowedScopes = ["openid", "profile", "email", "api.read"],
        DefaultScope = "openid",
        DefaultGrantTypes = [GrantTypes.AuthorizationCode],
    };

    /// <summary>The seed's example response (copied from the customer's spec).</summary>
    public static JsonElement SeedExampleResponse()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "seed-example-response.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    public static ClientMetadataRequest Read(string json)
    {
        var outcome = ClientMetadataReader.Read(Encoding.UTF8.GetBytes(json));
        Assert.True(outcome.IsSuccess, outcome.Error?.Description);
        return outcome.Value!;
    }
}
