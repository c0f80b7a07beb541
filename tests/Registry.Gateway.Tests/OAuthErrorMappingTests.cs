using Registry.Gateway.Http;
using Registry.Grains.Abstractions;
using Registry.Protocol.Errors;

namespace Registry.Gateway.Tests;

/// <summary>The one place OAuth errors become HTTP: status, challenge and Retry-After by kind of endpoint and error.</summary>
public sealed class OAuthErrorMappingTests
{
    /// <summary>(endpoint kind, code, id, status)</summary>
    public static TheoryData<string, string, string, int> Statuses => new()
    {
        { "Token", OAuthErrorCodes.InvalidClient, ErrorIds.ClientAuthFailed, 401 },
        { "Registration", OAuthErrorCodes.InvalidToken, ErrorIds.BearerInvalid, 401 },
        { "Registration", OAuthErrorCodes.InsufficientScope, ErrorIds.BearerInsufficientScope, 403 },
        { "Token", OAuthErrorCodes.InvalidScope, ErrorIds.TokenScopeNotRegistered, 400 },
        { "Token", OAuthErrorCodes.UnauthorizedClient, ErrorIds.TokenGrantNotRegistered, 400 },
        { "Registration", OAuthErrorCodes.InvalidClientMetadata, ErrorIds.ScopeNotAllowed, 400 },
        { "Registration", OAuthErrorCodes.InvalidRedirectUri, ErrorIds.RedirectUriFragment, 400 },
        { "Other", OAuthErrorCodes.TemporarilyUnavailable, ErrorIds.ClusterUnavailable, 503 },
        { "Other", OAuthErrorCodes.ServerError, ErrorIds.ServerInternal, 500 },
        { "Registration", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestBodyTooLarge, 413 },
        { "Token", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestBodyTooLarge, 413 },
        { "Registration", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestBodyTooSlow, 408 },
        { "Token", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestBodyTooSlow, 408 },
        { "Registration", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestMediaType, 415 },
        { "Other", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestMediaType, 415 },
        { "Token", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestMediaType, 400 },
        { "Other", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestMethodNotAllowed, 405 },
        { "Other", OAuthErrorCodes.InvalidRequest, ErrorIds.RequestNotFound, 404 },
        { "Token", OAuthErrorCodes.InvalidRequest, ErrorIds.TenantUnknown, 404 },
        { "Token", OAuthErrorCodes.InvalidRequest, ErrorIds.TokenGrantTypeMissing, 400 },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Each_error_gets_its_status(string endpoint, string code, string id, int status)
    {
        Assert.Equal(status, OAuthErrorMapping.StatusOf(Enum.Parse<EndpointKind>(endpoint), new OAuthError(code, id, "why")));
    }

    [Fact]
    public void Challenges_name_the_error_for_the_scheme_of_the_endpoint()
    {
        string? Challenge(EndpointKind endpoint, OAuthError error) => OAuthErrorMapping.ChallengeOf(endpoint, error, OAuthErrorMapping.StatusOf(endpoint, error));

        Assert.Equal("Basic realm=\"registry\", charset=\"UTF-8\", error=\"invalid_client\", error_description=\"wrong\"",
            Challenge(EndpointKind.Token, OAuthError.InvalidClient(ErrorIds.ClientAuthFailed, "wrong")));
        Assert.Equal("Bearer realm=\"registry\", error=\"invalid_token\", error_description=\"expired\"",
            Challenge(EndpointKind.Registration, OAuthError.InvalidToken(ErrorIds.BearerInvalid, "expired")));
        Assert.Equal("Bearer realm=\"registry\", error=\"insufficient_scope\", error_description=\"no\", scope=\"register\"",
            Challenge(EndpointKind.Registration, OAuthError.InsufficientScope(ErrorIds.BearerInsufficientScope, "no")));
        Assert.Equal("Bearer realm=\"registry\"", Challenge(EndpointKind.Registration, OAuthError.InvalidToken(ErrorIds.BearerMissing, "send one")));
        Assert.Null(Challenge(EndpointKind.Token, OAuthError.InvalidScope(ErrorIds.TokenScopeNotRegistered, "x")));
        Assert.Null(Challenge(EndpointKind.Other, OAuthError.InvalidRequest(ErrorIds.RequestNotFound, "x")));
        Assert.Null(Challenge(EndpointKind.Other, OAuthError.InvalidToken(ErrorIds.BearerInvalid, "x")));
    }

    [Theory]
    [InlineData(503, "1")]
    [InlineData(500, null)]
    [InlineData(401, null)]
    [InlineData(400, null)]
    public void Without_a_limit_only_a_503_says_when_to_retry(int status, string? retryAfter)
    {
        Assert.Equal(retryAfter, OAuthErrorMapping.RetryAfterOf(OAuthError.InvalidRequest(ErrorIds.RequestMalformed, "x"), status));
    }

    [Theory]
    [InlineData(0.2, "1")]
    [InlineData(1.0, "1")]
    [InlineData(1.5, "2")]
    [InlineData(900.0, "900")]
    public void A_limit_is_429_with_the_whole_seconds_until_it_passes(double seconds, string retryAfter)
    {
        var error = OAuthError.Throttled(ErrorIds.ThrottleTokenRate, "slow down", TimeSpan.FromSeconds(seconds));

        Assert.Equal(429, OAuthErrorMapping.StatusOf(EndpointKind.Token, error));
        Assert.Equal(429, OAuthErrorMapping.StatusOf(EndpointKind.Registration, error));
        Assert.Equal(retryAfter, OAuthErrorMapping.RetryAfterOf(error, 429));
        Assert.Null(OAuthErrorMapping.ChallengeOf(EndpointKind.Token, error, 429));
    }

    [Fact]
    public void An_exhausted_quota_is_403_access_denied()
    {
        var error = OAuthError.QuotaExceeded(ErrorIds.QuotaMaxClients, "full");

        Assert.Equal(403, OAuthErrorMapping.StatusOf(EndpointKind.Registration, error));
        Assert.Null(OAuthErrorMapping.RetryAfterOf(error, 403));
    }

    [Theory]
    [InlineData(ClientOperationStatus.Unauthorized, OAuthErrorCodes.InvalidToken, ErrorIds.RegistrationTokenInvalid, 401)]
    [InlineData(ClientOperationStatus.SecretMismatch, OAuthErrorCodes.InvalidClientMetadata, ErrorIds.UpdateClientSecretMismatch, 400)]
    [InlineData(ClientOperationStatus.Conflict, OAuthErrorCodes.TemporarilyUnavailable, ErrorIds.ClientIdUnavailable, 503)]
    [InlineData(ClientOperationStatus.Throttled, OAuthErrorCodes.TemporarilyUnavailable, ErrorIds.ThrottleClientBackoff, 429)]
    public void Client_grain_refusals_map_to_oauth_errors(ClientOperationStatus status, string code, string id, int httpStatus)
    {
        var error = OAuthErrorMapping.FromClientOperation(new ClientOperationResult(status, null));

        Assert.Equal((code, id), (error.Code, error.Id));
        Assert.Equal(httpStatus, OAuthErrorMapping.StatusOf(EndpointKind.Registration, error));
        Assert.False(string.IsNullOrWhiteSpace(error.Description));
    }
}
