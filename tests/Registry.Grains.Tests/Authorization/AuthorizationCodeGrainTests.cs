using Registry.Protocol.Authorization;
using Registry.Protocol.Security;

namespace Registry.Grains.Tests.Authorization;

[Collection(ClusterCollectionDefinition.Name)]
public sealed class AuthorizationCodeGrainTests(ClusterFixture fixture)
{
    public const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    public const string RedirectUri = "https://app.example/cb";

    public const string ClientId = "code-client";

    public static AuthorizationGrant Grant(string clientId = ClientId) => new(
        clientId, RedirectUri, Pkce.ChallengeOf(Verifier), "openid orders.read", ["https://api.example/orders"], "user-1", "https://idp.example", new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    private static DateTimeOffset InHalfAMinute => DateTimeOffset.UtcNow.AddSeconds(30);

    [Fact]
    public async Task A_code_is_redeemed_once_and_its_winner_may_ask_again()
    {
        var code = NewCode();
        Assert.True(await code.Issue(Grant(), InHalfAMinute));

        var first = await code.Redeem(ClientId, RedirectUri, Verifier, "family-1");
        var retry = await code.Redeem(ClientId, RedirectUri, Verifier, "family-1");
        var reuse = await code.Redeem(ClientId, RedirectUri, Verifier, "family-2");

        Assert.Equal((CodeRedemptionStatus.Redeemed, "family-1"), (first.Status, first.FamilyId));
        AssertSameGrant(Grant(), first.Grant!);
        Assert.Equal((CodeRedemptionStatus.Redeemed, "family-1"), (retry.Status, retry.FamilyId));
        AssertSameGrant(Grant(), retry.Grant!);
        Assert.Equal(new CodeRedemption(CodeRedemptionStatus.Reused, null, "family-1"), reuse);
    }

    [Fact]
    public async Task Of_concurrent_redemptions_exactly_one_wins_and_the_others_learn_its_family()
    {
        var code = NewCode();
        Assert.True(await code.Issue(Grant(), InHalfAMinute));

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => code.Redeem(ClientId, RedirectUri, Verifier, "family-" + i)));

        var winner = Assert.Single(answers, a => a.Status == CodeRedemptionStatus.Redeemed);
        Assert.Equal(15, answers.Count(a => a.Status == CodeRedemptionStatus.Reused && a.FamilyId == winner.FamilyId && a.Grant is null));
    }

    [Fact]
    public async Task Issuing_is_idempotent_for_the_same_grant_only()
    {
        var code = NewCode();
        var expiresAt = InHalfAMinute;

        Assert.True(await code.Issue(Grant(), expiresAt));
        Assert.True(await code.Issue(Grant(), expiresAt));
        Assert.False(await code.Issue(Grant("another-client"), expiresAt));
        Assert.Equal(CodeRedemptionStatus.Redeemed, (await code.Redeem(ClientId, RedirectUri, Verifier, "f")).Status);
        Assert.False(await code.Issue(Grant(), expiresAt));
    }

    [Fact]
    public async Task A_lifetime_in_the_past_is_refused_and_one_beyond_the_maximum_is_cut_to_it()
    {
        var longer = NewCode();
        var past = NewCode();
        var tooLate = DateTimeOffset.UtcNow + IAuthorizationCodeGrain.MaxLifetime + TimeSpan.FromMinutes(5);

        // A gateway whose clock runs ahead still issues codes; the silo's clock bounds their life.
        Assert.True(await longer.Issue(Grant(), tooLate));
        Assert.True(await longer.Issue(Grant(), tooLate));
        Assert.False(await past.Issue(Grant(), DateTimeOffset.UtcNow.AddSeconds(-1)));
        Assert.Equal(CodeRedemption.Invalid, await past.Redeem(ClientId, RedirectUri, Verifier, "f"));
        Assert.Equal(CodeRedemptionStatus.Redeemed, (await longer.Redeem(ClientId, RedirectUri, Verifier, "f")).Status);
    }

    [Theory]
    [InlineData("other-client", RedirectUri, Verifier)]
    [InlineData(ClientId, "https://app.example/cb/", Verifier)]
    [InlineData(ClientId, "https://APP.example/cb", Verifier)]
    [InlineData(ClientId, RedirectUri, "eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")]
    [InlineData(ClientId, RedirectUri, "short")]
    public async Task A_mismatch_burns_the_code(string clientId, string redirectUri, string verifier)
    {
        var code = NewCode();
        Assert.True(await code.Issue(Grant(), InHalfAMinute));

        Assert.Equal(CodeRedemption.Invalid, await code.Redeem(clientId, redirectUri, verifier, "family-1"));

        Assert.Equal(CodeRedemption.Invalid, await code.Redeem(ClientId, RedirectUri, Verifier, "family-2"));
        Assert.False(await code.Issue(Grant(), InHalfAMinute));
    }

    [Fact]
    public async Task An_unknown_code_is_invalid()
    {
        Assert.Equal(CodeRedemption.Invalid, await NewCode().Redeem(ClientId, RedirectUri, Verifier, "family-1"));
    }

    [Fact]
    public async Task An_expired_code_is_invalid()
    {
        var code = NewCode();
        Assert.True(await code.Issue(Grant(), DateTimeOffset.UtcNow.AddMilliseconds(800)));

        await Task.Delay(TimeSpan.FromSeconds(1.2));

        Assert.Equal(CodeRedemption.Invalid, await code.Redeem(ClientId, RedirectUri, Verifier, "family-1"));
    }

    [Fact]
    public async Task An_issued_code_outlives_idle_collection_until_it_expires()
    {
        var code = NewCode();
        Assert.True(await code.Issue(Grant(), InHalfAMinute));

        await fixture.DeactivateAllAsync();

        Assert.Equal(CodeRedemptionStatus.Redeemed, (await code.Redeem(ClientId, RedirectUri, Verifier, "family-1")).Status);
        await fixture.DeactivateAllAsync();
        Assert.Equal(new CodeRedemption(CodeRedemptionStatus.Reused, null, "family-1"), await code.Redeem(ClientId, RedirectUri, Verifier, "family-2"));
    }

    internal static void AssertSameGrant(AuthorizationGrant expected, AuthorizationGrant actual)
    {
        Assert.Equal(expected.Resources, actual.Resources);
        Assert.Equal(expected with { Resources = [] }, actual with { Resources = [] });
    }

    private IAuthorizationCodeGrain NewCode() => fixture.Grains.GetGrain<IAuthorizationCodeGrain>(AuthorizationKeys.Code("default", Secrets.NewSecret()));
}
