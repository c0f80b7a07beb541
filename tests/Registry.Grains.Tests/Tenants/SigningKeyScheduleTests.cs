using Registry.Grains.Tenants;

namespace Registry.Grains.Tests.Tenants;

/// <summary>The key schedule on a clock the test moves: pre-publication, take-over, retirement, rotation now.</summary>
public sealed class SigningKeyScheduleTests
{
    private const int Day = 86_400;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    private int _made;

    [Fact]
    public void The_next_key_is_published_a_day_ahead_and_takes_over_when_the_current_one_is_a_lifetime_old()
    {
        var keys = new List<StoredSigningKey> { Key("k0", Start) };

        var early = Apply(keys, Start.AddDays(88.9), lifetimeDays: 90);
        Assert.False(early.Changed);
        Assert.Equal(Start.AddDays(89), early.NextDue);

        var due = Apply(keys, Start.AddDays(89), lifetimeDays: 90);
        Assert.True(due.Changed);
        Assert.Equal(["k1", "k0"], keys.Select(k => k.KeyId));
        Assert.Equal(Start.AddDays(90), keys[0].ActivatesAt);
        Assert.Equal(Start.AddDays(90), keys[1].SupersededAt);
        Assert.Equal("k0", SigningKeySchedule.Current(keys, Start.AddDays(89.5))!.KeyId);
        Assert.Equal("k1", SigningKeySchedule.Current(keys, Start.AddDays(90))!.KeyId);
        Assert.Equal(
            ["next", "current"],
            SigningKeySchedule.Describe(keys, TokenLifetime, Start.AddDays(89.5)).Select(k => k.Status));
    }

    [Fact]
    public void A_superseded_key_is_retired_once_every_token_it_signed_expired()
    {
        var keys = new List<StoredSigningKey> { Key("k0", Start) };
        Apply(keys, Start.AddDays(89), lifetimeDays: 90);
        var retiresAt = Start.AddDays(90) + TokenLifetime + SigningKeySchedule.RetireGrace;

        Assert.False(Apply(keys, retiresAt.AddSeconds(-1), lifetimeDays: 90).Changed);
        Assert.Equal(["current", "previous"], SigningKeySchedule.Describe(keys, TokenLifetime, retiresAt.AddSeconds(-1)).Select(k => k.Status));
        Assert.Equal(retiresAt, SigningKeySchedule.Describe(keys, TokenLifetime, retiresAt.AddSeconds(-1))[1].RetiresAt);

        Assert.True(Apply(keys, retiresAt, lifetimeDays: 90).Changed);
        Assert.Equal(["k1"], keys.Select(k => k.KeyId));
    }

    [Fact]
    public void A_short_lifetime_publishes_half_a_lifetime_ahead()
    {
        var keys = new List<StoredSigningKey> { Key("k0", Start) };

        var (_, due) = Apply(keys, Start, lifetimeSeconds: 600);

        Assert.Equal(Start.AddSeconds(300), due);
        Assert.True(Apply(keys, Start.AddSeconds(300), lifetimeSeconds: 600).Changed);
        Assert.Equal(Start.AddSeconds(600), keys[0].ActivatesAt);
    }

    [Fact]
    public void A_tenant_inactive_past_its_rotation_still_publishes_the_next_key_a_full_lead_ahead()
    {
        var keys = new List<StoredSigningKey> { Key("k0", Start) };

        Apply(keys, Start.AddDays(200), lifetimeDays: 90);

        Assert.Equal(Start.AddDays(201), keys[0].ActivatesAt);
        Assert.Equal("k0", SigningKeySchedule.Current(keys, Start.AddDays(200.5))!.KeyId);
    }

    [Fact]
    public void A_lifetime_of_zero_never_rotates()
    {
        var keys = new List<StoredSigningKey> { Key("k0", Start) };

        var (changed, due) = Apply(keys, Start.AddYears(10), lifetimeSeconds: 0);

        Assert.False(changed);
        Assert.Null(due);
        Assert.Single(keys);
    }

    [Fact]
    public void Rotating_now_signs_with_a_new_key_at_once_supersedes_the_others_and_drops_a_pre_published_one()
    {
        var keys = new List<StoredSigningKey> { Key("k0", Start) };
        Apply(keys, Start.AddDays(89), lifetimeDays: 90);
        var now = Start.AddDays(89.5);

        SigningKeySchedule.RotateNow(keys, now, activatesAt => Key("k" + ++_made, activatesAt));

        Assert.Equal(["k2", "k0"], keys.Select(k => k.KeyId));
        Assert.Equal("k2", SigningKeySchedule.Current(keys, now)!.KeyId);
        Assert.Equal(now, keys[1].SupersededAt);
        Assert.Equal(["current", "previous"], SigningKeySchedule.Describe(keys, TokenLifetime, now).Select(k => k.Status));
    }

    [Fact]
    public void A_switched_algorithm_gets_a_current_key_and_the_old_one_is_superseded()
    {
        var keys = new List<StoredSigningKey> { Key("k0", Start) };

        var (changed, _) = SigningKeySchedule.Apply(keys, "ES256", 90 * Day, TokenLifetime, Start.AddDays(1), activatesAt => Key("es", activatesAt, "ES256"));

        Assert.True(changed);
        Assert.Equal(["es", "k0"], keys.Select(k => k.KeyId));
        Assert.Equal(Start.AddDays(1), keys[1].SupersededAt);
    }

    [Fact]
    public void The_stored_keys_are_never_changed_in_place()
    {
        var stored = Key("k0", Start);
        var keys = new List<StoredSigningKey> { stored };

        Apply(keys, Start.AddDays(89), lifetimeDays: 90);

        Assert.Null(stored.SupersededAt);
        Assert.NotSame(stored, keys[1]);
    }

    private (bool Changed, DateTimeOffset? NextDue) Apply(List<StoredSigningKey> keys, DateTimeOffset now, int lifetimeDays = 0, int? lifetimeSeconds = null) =>
        SigningKeySchedule.Apply(keys, "RS256", lifetimeSeconds ?? lifetimeDays * Day, TokenLifetime, now, activatesAt => Key("k" + ++_made, activatesAt));

    private static StoredSigningKey Key(string id, DateTimeOffset activatesAt, string algorithm = "RS256") =>
        new() { KeyId = id, Algorithm = algorithm, CreatedAt = activatesAt, ActivatesAt = activatesAt, PublicKey = [1], ProtectedPrivateKey = [2] };
}
