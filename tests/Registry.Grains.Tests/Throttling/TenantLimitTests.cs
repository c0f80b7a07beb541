using System.Text.Json;
using Registry.Hosting.Configuration;

namespace Registry.Grains.Tests.Throttling;

/// <summary>The tenant grain's limits: the client quota, the registration rate, the admin client's back-off and token rate.</summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class TenantLimitTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(ClusterFixture.BackoffSeconds);

    [Fact]
    public async Task The_client_quota_is_exact_under_concurrent_reservations_and_its_count_is_stored_and_survives_deactivation()
    {
        const int max = ClusterFixture.QuotaMaxClients;
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(ClusterFixture.QuotaTenant);

        var answers = await Task.WhenAll(Enumerable.Range(0, 3 * max).Select(_ => tenant.ReserveClient()));

        Assert.Equal(max, answers.Count(a => a.Status == AdmissionStatus.Granted));
        Assert.Equal(2 * max, answers.Count(a => a.Status == AdmissionStatus.QuotaReached));
        Assert.All(answers, a => Assert.Equal(TimeSpan.Zero, a.RetryAfter));
        await StoredCountReaches(max);

        await tenant.ReleaseClient();
        Assert.Equal(max - 1, await tenant.AddClientCount(0));
        await StoredCountReaches(max - 1);
        Assert.Equal(AdmissionStatus.Granted, (await tenant.ReserveClient()).Status);
        Assert.Equal(AdmissionStatus.QuotaReached, (await tenant.ReserveClient()).Status);

        // Written by the delayed write or, at the latest, as the activation leaves: a new activation reads it back.
        await fixture.DeactivateAllAsync();

        Assert.Equal(max, await tenant.AddClientCount(0));
        Assert.Equal(AdmissionStatus.QuotaReached, (await tenant.ReserveClient()).Status);
        await StoredCountReaches(max);
    }

    [Fact]
    public async Task The_registration_rate_admits_its_burst_then_tells_how_long_to_wait()
    {
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(ClusterFixture.PacedTenant);

        var burst = new List<Admission>();
        for (var i = 0; i < ClusterFixture.Burst; i++)
        {
            burst.Add(await tenant.ReserveClient());
        }

        var refused = await tenant.ReserveClient();

        Assert.All(burst, a => Assert.Equal(AdmissionStatus.Granted, a.Status));
        Assert.Equal(AdmissionStatus.RegistrationRate, refused.Status);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1 / ClusterFixture.SlowRate));
        Assert.Equal(ClusterFixture.Burst, await tenant.AddClientCount(0));
    }

    [Fact]
    public async Task Wrong_admin_credentials_back_off_the_admin_client_and_then_even_the_right_ones_wait()
    {
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(ClusterFixture.AdminBackoffTenant);

        var failures = new List<Admission>
        {
            await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, "wrong"),
            await tenant.AuthenticateAdmin("someone-else", ClusterFixture.AcmeSecret),
            await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, ""),
        };
        var right = await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, ClusterFixture.AcmeSecret);
        var wrong = await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, "wrong");

        Assert.Equal(ClusterFixture.FailuresBeforeBackoff, failures.Count);
        Assert.All(failures, a => Assert.Equal(AdmissionStatus.Refused, a.Status));
        Assert.Equal(AdmissionStatus.Backoff, right.Status);
        Assert.InRange(right.RetryAfter, TimeSpan.FromTicks(1), Backoff);
        Assert.Equal(AdmissionStatus.Backoff, wrong.Status);
        Assert.InRange(wrong.RetryAfter, TimeSpan.FromTicks(1), right.RetryAfter);
    }

    [Fact]
    public async Task A_right_admin_secret_below_the_threshold_forgives_the_failures_before_it()
    {
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(ClusterFixture.AdminResetTenant);

        var statuses = new List<AdmissionStatus>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            for (var i = 0; i < ClusterFixture.FailuresBeforeBackoff - 1; i++)
            {
                statuses.Add((await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, "wrong")).Status);
            }

            statuses.Add((await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, ClusterFixture.AcmeSecret)).Status);
        }

        AdmissionStatus[] round = [.. Enumerable.Repeat(AdmissionStatus.Refused, ClusterFixture.FailuresBeforeBackoff - 1), AdmissionStatus.Granted];
        AdmissionStatus[] expected = [.. round, .. round, .. round];
        Assert.Equal(expected, statuses);
    }

    [Fact]
    public async Task The_admin_client_s_token_rate_admits_its_burst_then_tells_how_long_to_wait()
    {
        var tenant = fixture.Grains.GetGrain<ITenantGrain>(ClusterFixture.StrictTenant);

        var burst = new List<Admission>();
        for (var i = 0; i < ClusterFixture.Burst; i++)
        {
            burst.Add(await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, ClusterFixture.AcmeSecret));
        }

        var refused = await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, ClusterFixture.AcmeSecret);
        var wrong = await tenant.AuthenticateAdmin(TenantOptions.DefaultAdminClientId, "wrong");

        Assert.All(burst, a => Assert.Equal(AdmissionStatus.Granted, a.Status));
        Assert.Equal(AdmissionStatus.TokenRate, refused.Status);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(1 / ClusterFixture.SlowRate));
        Assert.Equal(AdmissionStatus.Refused, wrong.Status);
    }

    [Fact]
    public async Task An_unknown_tenant_reserves_nothing()
    {
        var tenant = fixture.Grains.GetGrain<ITenantGrain>("nobody-reserves");

        Assert.Equal(AdmissionStatus.Unknown, (await tenant.ReserveClient()).Status);
        await tenant.ReleaseClient();
        Assert.Null(fixture.Storage.Json("tenant", GrainId.Create("tenant", "nobody-reserves")));
    }

    private long? StoredCount()
    {
        var json = fixture.Storage.Json("tenant", GrainId.Create("tenant", ClusterFixture.QuotaTenant));
        if (json is null)
        {
            return null;
        }

        using var stored = JsonDocument.Parse(json);
        return stored.RootElement.GetProperty("ClientCount").GetInt64();
    }

    private Task StoredCountReaches(long count) =>
        Eventually.UntilAsync(() => StoredCount() == count, TimeSpan.FromSeconds(10), $"the stored client count of '{ClusterFixture.QuotaTenant}' to be {count}");
}
