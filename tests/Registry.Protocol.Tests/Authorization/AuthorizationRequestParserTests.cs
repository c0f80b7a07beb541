using Registry.Protocol.Authorization;

namespace Registry.Protocol.Tests.Authorization;

/// <summary>Reading an authorization request's query (RFC 6749 section 4.1.1): empty means absent, only resource may repeat.</summary>
public sealed class AuthorizationRequestParserTests
{
    [Fact]
    public void Every_parameter_is_read_into_its_own_member()
    {
        var request = Parse(
            ("client_id", "cid"), ("redirect_uri", "https://app.example/cb"), ("response_type", "code"), ("state", "st"), ("scope", "openid email"),
            ("code_challenge", "ch"), ("code_challenge_method", "S256"), ("prompt", "login"), ("resource", "https://api.example"));

        Assert.Equal(
            ("cid", "https://app.example/cb", "code", "st", "openid email", "ch", "S256", "login"),
            (request.ClientId, request.RedirectUri, request.ResponseType, request.State, request.Scope, request.CodeChallenge, request.CodeChallengeMethod, request.Prompt));
        Assert.Equal(["https://api.example"], request.Resources);
        Assert.Null(request.RepeatedParameter);
    }

    [Fact]
    public void Absent_parameters_are_null_and_no_resource_is_an_empty_list()
    {
        var request = Parse(("nonce", "n"), ("response_mode", "query"));

        Assert.Equal(
            ((string?)null, (string?)null, (string?)null, (string?)null, (string?)null, (string?)null, (string?)null, (string?)null),
            (request.ClientId, request.RedirectUri, request.ResponseType, request.State, request.Scope, request.CodeChallenge, request.CodeChallengeMethod, request.Prompt));
        Assert.Empty(request.Resources);
        Assert.Null(request.RepeatedParameter);
    }

    /// <summary>RFC 6749 section 3.1: parameters sent without a value are treated as if they were omitted.</summary>
    [Fact]
    public void Empty_parameters_are_absent()
    {
        var request = Parse(
            ("client_id", ""), ("redirect_uri", ""), ("response_type", ""), ("state", ""), ("scope", ""),
            ("code_challenge", ""), ("code_challenge_method", ""), ("prompt", ""), ("resource", ""));

        Assert.Equal(
            ((string?)null, (string?)null, (string?)null, (string?)null, (string?)null, (string?)null, (string?)null, (string?)null),
            (request.ClientId, request.RedirectUri, request.ResponseType, request.State, request.Scope, request.CodeChallenge, request.CodeChallengeMethod, request.Prompt));
        Assert.Empty(request.Resources);
        Assert.Null(request.RepeatedParameter);
    }

    /// <summary>RFC 8707 section 2: one resource parameter per audience, kept in order with repetitions (the validator removes them).</summary>
    [Fact]
    public void Resource_may_repeat_and_keeps_its_order()
    {
        var request = Parse(
            ("resource", "https://b.example"), ("client_id", "cid"), ("resource", ""), ("resource", "https://a.example"), ("resource", "https://b.example"));

        Assert.Equal(["https://b.example", "https://a.example", "https://b.example"], request.Resources);
        Assert.Null(request.RepeatedParameter);
        Assert.Equal("cid", request.ClientId);
    }

    /// <summary>The first value counts, and the first parameter that repeats is the one named.</summary>
    [Fact]
    public void A_repeated_parameter_is_named_and_its_first_value_kept()
    {
        var request = Parse(("state", "one"), ("scope", "a"), ("scope", "b"), ("state", "two"), ("state", "three"));

        Assert.Equal("scope", request.RepeatedParameter);
        Assert.Equal(("one", "a"), (request.State, request.Scope));
    }

    [Theory]
    [InlineData("client_id")]
    [InlineData("redirect_uri")]
    [InlineData("code_challenge")]
    [InlineData("nonce")]
    public void Any_parameter_but_resource_is_repeated_when_sent_twice(string name)
    {
        Assert.Equal(name, Parse((name, "x"), (name, "x")).RepeatedParameter);
    }

    /// <summary>Names are compared exactly: "Resource" is an unknown parameter, not a resource indicator.</summary>
    [Fact]
    public void Parameter_names_are_case_sensitive()
    {
        var request = Parse(("Client_Id", "cid"), ("Resource", "https://a.example"), ("Resource", "https://b.example"));

        Assert.Null(request.ClientId);
        Assert.Empty(request.Resources);
        Assert.Equal("Resource", request.RepeatedParameter);
    }

    [Fact]
    public void Values_are_kept_as_sent()
    {
        var request = Parse(("state", " a b "), ("scope", "  openid  "));

        Assert.Equal((" a b ", "  openid  "), (request.State, request.Scope));
    }

    [Fact]
    public void The_longest_parameter_is_2048_characters()
    {
        Assert.Equal(2048, AuthorizationRequestParser.MaxParameterLength);
    }

    private static AuthorizationRequest Parse(params (string Name, string Value)[] query) =>
        AuthorizationRequestParser.Parse(query.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
}
