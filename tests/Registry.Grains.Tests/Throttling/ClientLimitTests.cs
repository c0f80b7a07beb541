using Registry.Protocol.Metadata;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Throttling;

/// <summary>
/// A client grain's limits: failed secrets and registration access tokens back the client id off (one back-off for
/// both), during which even the right credentials wait; its token rate. Each test registers its own client.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class ClientLimitTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(ClusterFixture.BackoffSeconds);

    private static readonly ClientMetadata Metadata = new()
    {
        GrantTypes = [GrantTypes.ClientCredentials],
        RedirectUris = ["https://tmp.com"],
        Scope = "openid",
        TokenExpirationTimeSeconds = 600,
    };

    [Fact]
    public async Task Wrong_secrets_back_off_the_client_after_the_threshold_and_then_even_the_right_secret_waits()
    {
        var (grain, secret, _) = await NewClient();

        var failures = new List<ClientCredentialCheck>();
        for (var i = 0; i < ClusterFixture.FailuresBeforeBackoff; i++)
        {
            failures.Add(await grain.Authenticate(Secrets.NewSecret()));
        }

        var right = await grain.Authenticate(secret);
        var wrong = await grain.Authenticate(Secrets.NewSecret());

        Assert.All(failures, check => Assert.Equal((false, (Admission?)null), (check.Authenticated, check.Limited)));
        Assert.False(right.Authenticated);
        Assert.Equal(AdmissionStatus.Backoff, right.Limited?.Status);
        Assert.InRange(right.Limited!.RetryAfter, TimeSpan.FromTicks(1), Backoff);
        Assert.False(wrong.Authenticated);
        Assert.Equal(AdmissionStatus.Backoff, wrong.Limited?.Status);
    }

    [Fact]
    public async Task A_right_secret_below_the_threshold_forgives_the_failures_before_it()
    {
        var (grain, secret, _) = await NewClient();

        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < ClusterFixture.FailuresBeforeBackoff - 1; i++)
            {
                Assert.Null((await grain.Authenticate(Secrets.NewSecret())).Limited);
            }

            var right = await grain.Authenticate(secret);
            Assert.True(right.Authenticated, $"round {round + 1}: limited by {right.Limited}");
        }
    }

    [Fact]
    public async Task The_token_rate_admits_its_burst_then_tells_how_long_to_wait()
    {
        var (grain, secret, _) = await NewClient();

        var burst = new List<ClientCredentialCheck>();
        for (var i = 0; i < ClusterFixture.Burst; i++)
        {
            burst.Add(await grain.Authenticate(secret));
        }

        var limited = await grain.Authenticate(secret);

        Assert.All(burst, check => Assert.True(check.Authenticated));
        Assert.False(limited.Authenticated);
        Assert.Equal(AdmissionStatus.TokenRate, limited.Limited?.Status);
        Assert.InRange(limited.Limited!.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1 / ClusterFixture.SlowRate));
    }

    [Fact]
    public async Task Wrong_registration_tokens_back_off_the_client_and_then_the_right_token_waits_too()
    {
        var (grain, secret, token) = await NewClient();

        var failures = new List<ClientOperationResult>();
        for (var i = 0; i < ClusterFixture.FailuresBeforeBackoff; i++)
        {
            failures.Add(await grain.Read(Secrets.NewSecret()));
        }

        var read = await grain.Read(token);
        var update = await grain.Update(token, new(Metadata), null, Secrets.NewSecret());
        var delete = await grain.Delete(token);
        var authenticate = await grain.Authenticate(secret);

        Assert.All(failures, result => Assert.Equal(ClientOperationStatus.Unauthorized, result.Status));
        Assert.Equal(ClientOperationStatus.Throttled, read.Status);
        Assert.InRange(read.RetryAfter, TimeSpan.FromTicks(1), Backoff);
        Assert.Null(read.Client);
        Assert.Equal(ClientOperationStatus.Throttled, update.Status);
        Assert.Equal(ClientOperationStatus.Throttled, delete.Status);
        Assert.Equal(AdmissionStatus.Backoff, authenticate.Limited?.Status);
        Assert.DoesNotContain("\"DeletedAt\":\"", fixture.Storage.Json("client", grain.GetGrainId())!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_secrets_back_off_the_registration_endpoints_too()
    {
        var (grain, _, token) = await NewClient();

        for (var i = 0; i < ClusterFixture.FailuresBeforeBackoff; i++)
        {
            await grain.Authenticate(Secrets.NewSecret());
        }

        var read = await grain.Read(token);

        Assert.Equal(ClientOperationStatus.Throttled, read.Status);
        Assert.InRange(read.RetryAfter, TimeSpan.FromTicks(1), Backoff);
    }

    [Fact]
    public async Task An_unknown_client_never_backs_off_it_stays_unknown()
    {
        var grain = fixture.Grains.GetGrain<IClientGrain>(ClientKey.Of(ClusterFixture.StrictTenant, Guid.NewGuid().ToString("N")));

        var results = new List<ClientOperationResult>();
        for (var i = 0; i < 2 * ClusterFixture.FailuresBeforeBackoff; i++)
        {
            results.Add(await grain.Read(Secrets.NewSecret()));
            Assert.Null((await grain.Authenticate(Secrets.NewSecret())).Limited);
        }

        Assert.All(results, result => Assert.Equal(ClientOperationStatus.Unauthorized, result.Status));
    }

    private async Task<(IClientGrain Grain, string Secret, string Token)> NewClient()
    {
        var grain = fixture.Grains.GetGrain<IClientGrain>(ClientKey.Of(ClusterFixture.StrictTenant, Guid.NewGuid().ToString("N")));
        var (secret, token) = (Secrets.NewSecret(), Secrets.NewSecret());
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Register(new(Metadata), secret, token)).Status);
        return (grain, secret, token);
    }
}
