using System.Text;
using System.Text.Json;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

internal static class TestData
{
    /// <summary>The registration request of the product specification's example, unchanged.</summary>
    public const string ExampleRegistration = """
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

    /// <summary>The product specification's example registration response (copied from it).</summary>
    public static JsonElement ExampleRegistrationResponse()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "example-registration-response.json");
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
