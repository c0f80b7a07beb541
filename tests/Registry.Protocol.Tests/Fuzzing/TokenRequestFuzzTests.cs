using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Registry.Protocol.Tokens;

namespace Registry.Protocol.Tests.Fuzzing;

/// <summary>The token endpoint's form parser, Basic credential parser and bearer header reader on generated input.</summary>
public sealed class TokenRequestFuzzTests
{
    private static readonly string[] Parameters = ["grant_type", "client_id", "client_secret", "scope", "grant_type=", "x", ""];

    private static readonly string[] Values =
    [
        "client_credentials", "authorization_code", "cid", "s3cret", "openid email", "open\"id", "%", "%zz", "%C3%28", "%ED%A0%80", "%E2%80%AE", "%00",
        "a+b", "%2B", "%3D%26", "=", "",
    ];

    private static readonly Gen<string> FormBodies =
        Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(
            from name in FuzzText.Around(Parameters, 12)
            from value in FuzzText.Around(Values, 24)
            from separator in Gen.Elements("=", "=", "==", "")
            select name + separator + value, n))
        .SelectMany(pairs => Gen.Elements("&", "&", "&&", ";").Select(joint => string.Join(joint, pairs)));

    private static readonly Gen<string?> BasicHeaders = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (4, from scheme in Gen.Elements("Basic ", "basic ", "BASIC   ", "Basic", "Bearer ", "Digest ", "")
            from credentials in FuzzText.Around(["cid:s3cret", "c%3Aid:s%3Acret", ":secret", "cid:", "cid", "::", "é:ü", "a+b:c+d"], 24)
            from encode in Gen.Elements(true, true, false)
            select (string?)(scheme + (encode ? Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)) : credentials))),
        (1, FuzzText.Strings(40).Select(s => (string?)s)),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 12).Select(bytes => (string?)("Basic " + Convert.ToBase64String(bytes)))));

    private static readonly Gen<string> BearerHeaders = Gen.Frequency(
        (3, from scheme in Gen.Elements("Bearer ", "bearer ", "BEARER ", "Bearer", "Bearer\t", "Basic ", "Bearer  ", "")
            from token in FuzzText.Around(["eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2ln", "abc", " abc ", "\u00a0abc\u2028", "a b", ""], 40)
            select scheme + token),
        (1, FuzzText.Strings(60)),
        (1, Gen.Elements(BearerCredentials.MaxTokenLength - 1, BearerCredentials.MaxTokenLength, BearerCredentials.MaxTokenLength + 1)
            .Select(n => "Bearer " + new string('a', n))));

    [Fact]
    public void Any_token_request_parses_or_is_refused_with_a_well_formed_error()
    {
        FuzzRuns.Check(Gen.Zip(FormBodies, BasicHeaders), input => CheckTokenRequest(input.Item1, input.Item2), defaultCount: 6000);
    }

    [Fact]
    public void Any_authorization_header_yields_a_trimmed_bounded_bearer_token_or_none()
    {
        FuzzRuns.Check(BearerHeaders, CheckBearer, defaultCount: 6000);
    }

    /// <summary>Regressions the properties found, kept as plain cases.</summary>
    [Theory]
    [InlineData("grant_type=client_credentials", "Basic Y2lkOnMzY3JldA==")]
    public void Known_token_requests_keep_the_properties(string body, string? authorization)
    {
        CheckTokenRequest(body, authorization);
    }

    private static void CheckTokenRequest(string body, string? authorization)
    {
        var form = FormBody.Parse(body);
        var parsed = TokenRequestParser.Parse(form, authorization);
        if (!parsed.IsSuccess)
        {
            Refusals.AssertWellFormed(parsed.Error);
            return;
        }

        Assert.Equal("client_credentials", parsed.Value.GrantType);
        Assert.NotEqual("", parsed.Value.ClientId);
        Assert.NotEqual("", parsed.Value.ClientSecret);
        Assert.True(parsed.Value.RequestedScopes is null or { Count: > 0 });
    }

    private static void CheckBearer(string header)
    {
        if (BearerCredentials.Read(header) is not { } token)
        {
            return;
        }

        Assert.StartsWith("Bearer ", header, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(token.Length, 1, BearerCredentials.MaxTokenLength);
        Assert.Equal(token.Trim(), token);
        Assert.Contains(token, header, StringComparison.Ordinal);
    }
}
