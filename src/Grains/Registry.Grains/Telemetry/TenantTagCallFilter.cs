using System.Diagnostics;
using Registry.Grains.Abstractions;
using Registry.Protocol.Telemetry;

namespace Registry.Grains.Telemetry;

/// <summary>Tags the grain-call span of every Registry grain with the tenant its key belongs to.</summary>
public sealed class TenantTagCallFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (Activity.Current is { } activity && context.TargetContext.GrainInstance is IClientGrain or ITenantGrain or IInitialAccessTokensGrain or IClientIndexGrain
            or IAuthorizationCodeGrain or IRefreshTokenFamilyGrain or IConsentGrain)
        {
            activity.SetTag(RegistryTelemetry.TenantAttribute, ClientKey.TenantOf(context.TargetId.Key.ToString()!));
        }

        return context.Invoke();
    }
}
