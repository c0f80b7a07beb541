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
        Orleans.Runtime.Messaging.ConnectionFailedException => true,
        Orleans.Storage.InconsistentStateException => true,
        Tokens.SigningKeyUnavailableException => true,

        // A message that expired before the cluster placed its grain (e.g. while membership heals after a Redis
        // restart) comes back as the silo's OperationCanceledException. (A request the caller aborted is not
        // retried: GrainCalls checks the request's own token.)
        OperationCanceledException => true,
        OrleansException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
        _ => IsStorageFailure(exception) || IsTransient(exception.InnerException),
    };

    /// <summary>Storage providers surface their SDK's exceptions (Azure.RequestFailedException, IOException).</summary>
    private static bool IsStorageFailure(Exception exception) =>
        exception is IOException || exception.GetType().FullName == "Azure.RequestFailedException";
}
