using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Protocol.Json;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests.Fuzzing;

/// <summary>
/// The registration reader and validator on generated bodies: nothing escapes as an exception, every
/// refusal is a well-formed OAuth error, and whatever registers is clean and can be read back and sent as an
/// RFC 7592 update unchanged.
/// </summary>
public sealed class MetadataFuzzTests
{
    private static readonly RegistrationPolicy[] Policies = [TestData.Policy, TestData.Policy with { AllowLocalUrls = true }];

    [Fact]
    public void Any_body_is_registered_cleanly_or_refused_with_a_well_formed_error()
    {
        FuzzRuns.Check(MetadataDocuments.Bodies, CheckBody, defaultCount: 4000);
    }

    /// <summary>Regressions the properties found, kept as plain cases.</summary>
    [Theory]
    [InlineData("""{"grant_types": ["client_credentials"]}""")]
    [InlineData("""{"response_types": [], "redirect_uris": ["https://app.example/cb"]}""")]
    [InlineData("""{"grant_types": ["client_credentials"], "client_uri": "https://a\uFFFDb.example/", "logo_uri": "https://\u2488.example/l.png"}""")]
    [InlineData("""{"grant_types": ["authorization_code"], "redirect_uris": ["https://a\uFFFDb.example/cb"]}""")]
    public void Known_bodies_keep_the_properties(string json)
    {
        CheckBody(Encoding.UTF8.GetBytes(json));
    }

    private static void CheckBody(byte[] body)
    {
        foreach (var policy in Policies)
        {
            var read = ClientMetadataReader.Read(body);
            if (!read.IsSuccess)
            {
                Refusals.AssertWellFormed(read.Error);
                return;
            }

            var created = RegistrationRequestValidator.ValidateCreate(read.Value, policy);
            if (!created.IsSuccess)
            {
                Refusals.AssertWellFormed(created.Error);
                continue;
            }

            AssertClean(created.Value);
            AssertReadBackIsAValidUpdate(created.Value, policy);

            var update = RegistrationRequestValidator.ValidateUpdate(ClientMetadataReader.Read(body).Value!, "cid", policy);
            if (!update.IsSuccess)
            {
                Refusals.AssertWellFormed(update.Error);
            }
        }
    }

    /// <summary>No private key material and no hidden characters in what is registered.</summary>
    private static void AssertClean(ClientMetadata metadata)
    {
        if (metadata.Jwks is { } jwks)
        {
            using var document = JsonDocument.Parse(jwks);
            foreach (var key in document.RootElement.GetProperty("keys").EnumerateArray())
            {
                Assert.DoesNotContain(key.EnumerateObject(), m => m.Name is "d" or "p" or "q" or "dp" or "dq" or "qi" or "oth" or "k");
            }
        }

        string?[] texts = [metadata.ClientName, metadata.SoftwareId, metadata.SoftwareVersion, metadata.ClientUri, metadata.LogoUri, metadata.JwksUri,
            .. metadata.Contacts, .. metadata.RedirectUris, .. metadata.Localized.Values];
        foreach (var text in texts.OfType<string>())
        {
            Assert.DoesNotContain(text.EnumerateRunes(), r => Rune.GetUnicodeCategory(r) is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.Control);
        }
    }

    /// <summary>RFC 7592 section 2.2: what a read answers, less the four members an update must not send, is a valid update to the same registration.</summary>
    private static void AssertReadBackIsAValidUpdate(ClientMetadata metadata, RegistrationPolicy policy)
    {
        var info = new ClientInformation { ClientId = "cid", RegistrationAccessToken = "rat", Metadata = metadata };
        var written = Write(info);
        var body = JsonNode.Parse(written)!.AsObject();
        foreach (var member in MetadataFields.ServerManaged)
        {
            body.Remove(member);
        }

        var read = ClientMetadataReader.Read(Encoding.UTF8.GetBytes(body.ToJsonString()));
        Assert.True(read.IsSuccess, read.Error?.Description);
        var update = RegistrationRequestValidator.ValidateUpdate(read.Value, "cid", policy);
        Assert.True(update.IsSuccess, $"{update.Error?.Id}: {update.Error?.Description}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(Write(info with { Metadata = update.Value }))), written);
    }

    private static string Write(ClientInformation info)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ClientInformationWriter.Write(writer, info, "https://r.example/register/cid");
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
