using System.Diagnostics.Metrics;
using Registry.Protocol.Telemetry;
using T = Registry.Protocol.Telemetry.RegistryTelemetry;

namespace Registry.Gateway.Telemetry;

/// <summary>
/// Registry's gateway instruments (meter "Registry", exported as registry_*). Tags are low-cardinality by
/// construction: configured tenant names, fixed outcome/error codes, known grant types. Never a client id.
/// </summary>
internal sealed class GatewayMetrics
{
    private readonly Counter<long> _registrations;
    private readonly Counter<long> _reads;
    private readonly Counter<long> _updates;
    private readonly Counter<long> _deletes;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _clientAuthenticationFailures;
    private readonly Counter<long> _registrationTokenFailures;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _adminOperations;
    private readonly Histogram<double> _duration;

    // Introspection (RFC 7662) and revocation (RFC 7009).
    public const string AccessTokenKind = "access_token";
    public const string RefreshTokenKind = "refresh_token";
    private const string KindTag = "kind";
    private readonly Counter<long> _revoked;

    // Grain calls retried because their silo went away (GrainCallPipeline).
    private const string ExceptionTag = "exception";
    private readonly Counter<long> _grainCallRetries;

    public GatewayMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(RegistryTelemetry.MeterName);
        _registrations = meter.CreateCounter<long>("registry.registrations", "{request}", "RFC 7591 registration requests, by outcome");
        _reads = meter.CreateCounter<long>("registry.client.reads", "{request}", "RFC 7592 read requests, by outcome");
        _updates = meter.CreateCounter<long>("registry.client.updates", "{request}", "RFC 7592 update requests, by outcome");
        _deletes = meter.CreateCounter<long>("registry.client.deletes", "{request}", "RFC 7592 delete requests, by outcome");
        _tokens = meter.CreateCounter<long>("registry.tokens", "{request}", "Token requests, by outcome (success = a token was issued)");
        _clientAuthenticationFailures = meter.CreateCounter<long>(
            "registry.client_authentication.failures", "{request}", "Token requests whose client authentication failed (invalid_client)");
        _registrationTokenFailures = meter.CreateCounter<long>(
            "registry.registration_token.failures", "{request}", "Registration endpoint calls refused for their token (invalid_token, insufficient_scope)");
        _throttled = meter.CreateCounter<long>(
            "registry.throttled", "{request}", "Requests refused by a limit (429) or the client quota (403), by tenant, endpoint and reason (the error id)");
        _adminOperations = meter.CreateCounter<long>(
            "registry.admin.operations", "{request}", "Admin API calls, by operation, outcome and error code");
        _revoked = meter.CreateCounter<long>(
            "registry.tokens.revoked", "{token}", "Tokens revoked (RFC 7009), by tenant and kind (access_token, refresh_token); a repeated revocation is not counted");
        _grainCallRetries = meter.CreateCounter<long>(
            "registry.grain_calls.retried", "{retry}", "Grain calls retried by the gateway because their silo went away, by the failure's exception type");
        _duration = meter.CreateHistogram<double>(
            "registry.request.duration", "s", "Duration of OAuth endpoint requests",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    /// <summary>A throttling decision; <paramref name="reason"/> is the limit's error id (a fixed set).</summary>
    public void RecordThrottled(string tenant, string endpoint, string reason) =>
        _throttled.Add(1, new(T.Tenant, tenant), new(T.Endpoint, endpoint), new(T.Reason, reason));

    /// <summary>A grain call about to be retried; the exception types that are retried are a fixed set (ClusterErrors.MeansSiloGone).</summary>
    public void RecordGrainCallRetry(Exception? failure) => _grainCallRetries.Add(1, new KeyValuePair<string, object?>(ExceptionTag, failure?.GetType().Name ?? "none"));

    /// <summary>A token this request revoked; <paramref name="kind"/> is <see cref="AccessTokenKind"/> or <see cref="RefreshTokenKind"/>.</summary>
    public void RecordRevoked(string tenant, string kind) => _revoked.Add(1, new(T.Tenant, tenant), new(KindTag, kind));

    /// <summary>An admin API call; <paramref name="operation"/> is one of the fixed admin operation names.</summary>
    public void RecordAdmin(string operation, string? error) =>
        _adminOperations.Add(1, new(T.Operation, operation), new(T.Outcome, error is null ? T.Success : T.Failure), new(T.Error, error ?? ""));

    public void Record(RequestObservation observation, string tenant, string? error, double seconds)
    {
        var outcome = error is null ? T.Success : T.Failure;
        _duration.Record(seconds, new(T.Endpoint, observation.Endpoint), new(T.Tenant, tenant), new(T.Outcome, outcome));
        var tags = new System.Diagnostics.TagList { { T.Tenant, tenant }, { T.Outcome, outcome }, { T.Error, error ?? "" } };
        switch (observation.Endpoint)
        {
            case ObservedEndpoint.Token:
                tags.Add(T.GrantType, observation.GrantType);
                tags.Add(T.ClientKind, observation.ClientKind);
                _tokens.Add(1, tags);
                if (error == Protocol.Errors.OAuthErrorCodes.InvalidClient)
                {
                    _clientAuthenticationFailures.Add(1, new(T.Tenant, tenant), new(T.Endpoint, observation.Endpoint));
                }

                return;
            case ObservedEndpoint.Introspect or ObservedEndpoint.Revoke:
                if (error == Protocol.Errors.OAuthErrorCodes.InvalidClient)
                {
                    _clientAuthenticationFailures.Add(1, new(T.Tenant, tenant), new(T.Endpoint, observation.Endpoint));
                }

                return;
            case ObservedEndpoint.Register:
                _registrations.Add(1, tags);
                break;
            case ObservedEndpoint.ClientRead:
                _reads.Add(1, tags);
                break;
            case ObservedEndpoint.ClientUpdate:
                _updates.Add(1, tags);
                break;
            case ObservedEndpoint.ClientDelete:
                _deletes.Add(1, tags);
                break;
            default:
                return;
        }

        if (error is Protocol.Errors.OAuthErrorCodes.InvalidToken or Protocol.Errors.OAuthErrorCodes.InsufficientScope)
        {
            _registrationTokenFailures.Add(1, new(T.Tenant, tenant), new(T.Operation, observation.Endpoint));
        }
    }
}
