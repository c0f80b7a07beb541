using Registry.Grains.Abstractions;
using Registry.Grains.Tenants;
using Registry.Protocol.Throttling;

namespace Registry.Grains.Throttling;

/// <summary>
/// Failed authentications of one source address at one tenant, under the tenant's back-off policy. In memory
/// only: it is a guard, not a record; it stays in memory while it has something to remember (its back-off and
/// the quiet period after it), so idle collection does not reset it.
/// </summary>
[GrainType(RegistryGrainTypes.AddressGuard)]
internal sealed class AddressGuardGrain(TenantDirectory tenants, TimeProvider time) : Grain, IAddressGuardGrain
{
    private FailureBackoff? _backoff;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _backoff = tenants.Find(AddressKey.Tenant(this.GetPrimaryKeyString()))?.Throttles.AddressBackoff();
        return Task.CompletedTask;
    }

    Task<TimeSpan> IAddressGuardGrain.RecordFailure()
    {
        if (_backoff is null)
        {
            DeactivateOnIdle();
            return Task.FromResult(TimeSpan.Zero);
        }

        var now = time.GetUtcNow();
        var wait = _backoff.RemainingAt(now);
        if (wait == TimeSpan.Zero)
        {
            wait = _backoff.RecordFailure(now);
        }

        // Held in memory exactly as long as there is something to remember, then collected like any idle grain.
        DelayDeactivation(_backoff.KeepFor(now));
        return Task.FromResult(wait);
    }
}
