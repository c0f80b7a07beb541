using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

/// <summary>Text a person reads, and every URL, holds no character that hides or reorders what is displayed.</summary>
public sealed class DisplayTextTests
{
    /// <summary>As JSON escapes: bidirectional controls, zero-width characters, separators, soft hyphen, a tag character.</summary>
    public static TheoryData<string> Hidden =>
    [
        "\\u202A", "\\u202B", "\\u202C", "\\u202D", "\\u202E", "\\u2066", "\\u2067", "\\u2068", "\\u2069", "\\u200E", "\\u200F", "\\u061C",
        "\\u200B", "\\u200C", "\\u200D", "\\u2060", "\\uFEFF", "\\u2028", "\\u2029", "\\u00AD", "\\uDB40\\uDC41",
    ];

    /// <summary>Where the character is put: the member, its JSON value around the character, the member the description names.</summary>
    public static TheoryData<string, string, string> Members => new()
    {
        { "client_name", "\"Bill{0}ing\"", "client_name" },
        { "client_name#ar", "\"{0}name\"", "client_name#ar" },
        { "software_id", "\"id{0}\"", "software_id" },
        { "software_version", "\"1.{0}2\"", "software_version" },
        { "contacts", "[\"ops@a.example\", \"x{0}@a.example\"]", "contacts[1]" },
        { "redirect_uris", "[\"https://a.example/cb{0}\"]", "redirect_uris[0]" },
        { "post_logout_redirect_uris", "[\"https://a.example/{0}bye\"]", "post_logout_redirect_uris[0]" },
        { "client_uri", "\"https://a.example/{0}\"", "client_uri" },
        { "logo_uri", "\"https://a.example/{0}.png\"", "logo_uri" },
        { "tos_uri", "\"https://a.example/tos{0}\"", "tos_uri" },
        { "policy_uri", "\"https://a.example/p{0}\"", "policy_uri" },
        { "jwks_uri", "\"https://a.example/jwks{0}\"", "jwks_uri" },
        { "sector_identifier_uri", "\"https://a.example/s{0}\"", "sector_identifier_uri" },
        { "initiate_login_uri", "\"https://a.example/l{0}\"", "initiate_login_uri" },
        { "logo_uri#fr", "\"https://a.example/{0}fr.png\"", "logo_uri#fr" },
    };

    [Theory]
    [MemberData(nameof(Hidden))]
    public void Bidirectional_and_zero_width_characters_are_refused_in_client_name(string character)
    {
        var outcome = Validate("client_name", $"\"Registry {character}evil\"");

        Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TextFormatCharacter), (outcome.Error?.Code, outcome.Error?.Id));
        Assert.StartsWith("client_name ", outcome.Error!.Description, StringComparison.Ordinal);
        Assert.Contains("position 9", outcome.Error.Description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void They_are_refused_in_every_readable_and_url_member(string member, string value, string named)
    {
        foreach (var character in new[] { "\\u202E", "\\u200B", "\\uFEFF" })
        {
            var outcome = Validate(member, string.Format(System.Globalization.CultureInfo.InvariantCulture, value, character));

            Assert.Equal((OAuthErrorCodes.InvalidClientMetadata, ErrorIds.TextFormatCharacter), (outcome.Error?.Code, outcome.Error?.Id));
            Assert.StartsWith(named + " ", outcome.Error!.Description, StringComparison.Ordinal);
        }

        Assert.True(Validate(member, string.Format(System.Globalization.CultureInfo.InvariantCulture, value, "")).IsSuccess);
    }

    [Theory]
    [InlineData("\"Billing \\u2713\"")]
    [InlineData("\"Caf\\u00e9 e\\u0301\"")]
    [InlineData("\"\\u65e5\\u672c\\u8a9e \\u0627\\u0644\\u0639\\u0631\\u0628\\u064a\\u0629\"")]
    [InlineData("\"rocket \\ud83d\\ude80\"")]
    [InlineData("\"nbsp\\u00a0and\\u3000ideographic space\"")]
    public void Other_unicode_text_is_accepted(string value)
    {
        Assert.True(Validate("client_name", value).IsSuccess);
    }

    [Fact]
    public void A_supplementary_character_counts_once_in_the_position()
    {
        var outcome = Validate("client_name", "\"\\ud83d\\ude80\\u202E\"");

        Assert.Contains("U+202E at position 2", outcome.Error?.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Controls_are_refused_even_in_a_request_built_without_the_reader()
    {
        var request = new ClientMetadataRequest { GrantTypes = ["client_credentials"], ClientName = "tab\there" };

        Assert.Equal(ErrorIds.TextFormatCharacter, RegistrationRequestValidator.ValidateCreate(request, TestData.Policy).Error?.Id);
    }

    private static Outcome<ClientMetadata> Validate(string member, string json) =>
        RegistrationRequestValidator.ValidateCreate(
            TestData.Read($$"""{"grant_types": ["client_credentials"], "{{member}}": {{json}}}"""), TestData.Policy);
}
