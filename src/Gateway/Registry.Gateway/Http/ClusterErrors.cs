namespace Registry.Gateway.Http;

/// <summary>
/// Failures that mean "the cluster or its storage cannot serve this right now", as opposed to a bug:
/// rejected or timed-out grain calls while a silo dies or joins, no reachable gateway, a storage outage.
/// </summary>
internal static class ClusterErrors
{
    public static bool IsTransient(Exception? exception) => exception switch
    {
        null => false,

        // Kestrel's refusal of a client's request (too large, too slow, malformed) is an IOException too: not ours.
        BadHttpRequestException => false,
        OrleansMessageRejectionException or SiloUnavailableException or TimeoutException => true,

        // The retry budget of a grain call (GrainCallPipeline) ran out.
        Polly.Timeout.TimeoutRejectedException => true,
        Orleans.Runtime.Messaging.ConnectionFailedException => true,
        Orleans.Storage.InconsistentStateException => true,
        Tokens.SigningKeyUnavailableException => true,

        // A message that expired before the cluster placed its grain (e.g. while membership heals after a Redis
        // restart) comes back as the silo's OperationCanceledException. (Retried only by MeansSiloGone, and never
        // when the request itself was aborted.)
        OperationCanceledException => true,
        OrleansException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => IsStorageFailure(exception) || IsTransient(exception.InnerException),
    };

    /// <summary>
    /// The failures of a grain call that mean "the silo it went to is gone (or going)", retried by
    /// <see cref="GrainCallPipeline"/>: the message never reached a live activation, so a retry (which Orleans
    /// places on a live silo) is safe and likely to succeed. Not <see cref="TimeoutException"/> (the call may have
    /// run), not storage errors, not an overloaded gateway, not the caller's own cancellation (<paramref name="cancellation"/>).
    /// </summary>
    public static bool MeansSiloGone(Exception exception, CancellationToken cancellation) => exception switch
    {
        // The target silo is known dead, its connection closed with the call in flight, or the message was rejected
        // while it was being forwarded between silos (SiloUnavailableException is one of these).
        OrleansMessageRejectionException => true,

        // No connection to a silo (or gateway) could be made: the message was never sent.
        Orleans.Runtime.Messaging.ConnectionFailedException => true,

        // The silo cancelled the message (placement or a directory lookup while membership changes, e.g. after a
        // Redis restart, or a message expired before it was placed); ours is the request's token, checked first.
        OperationCanceledException => !cancellation.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Storage providers surface their SDK's exceptions (Azure.RequestFailedException, IOException).</summary>
    private static bool IsStorageFailure(Exception exception) =>
        exception is IOException || exception.GetType().FullName == "Azure.RequestFailedException";
}
