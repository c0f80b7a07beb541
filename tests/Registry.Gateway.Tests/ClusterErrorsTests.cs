using Microsoft.AspNetCore.Http;
using Registry.Gateway.Http;

namespace Registry.Gateway.Tests;

/// <summary>What the gateway answers 503 for (cluster trouble) and what it must not.</summary>
public sealed class ClusterErrorsTests
{
    [Fact]
    public void A_clients_refused_request_is_not_cluster_trouble_although_it_is_an_io_exception()
    {
        Assert.False(ClusterErrors.IsTransient(new BadHttpRequestException("request body too slow", StatusCodes.Status408RequestTimeout)));
        Assert.False(ClusterErrors.IsTransient(new InvalidOperationException("a bug", new BadHttpRequestException("too large", 413))));
    }

    [Fact]
    public void Storage_and_silo_failures_are_cluster_trouble()
    {
        Assert.True(ClusterErrors.IsTransient(new IOException("storage connection reset")));
        Assert.True(ClusterErrors.IsTransient(new TimeoutException()));
        Assert.True(ClusterErrors.IsTransient(new OperationCanceledException("Message expired before placement could complete for grain client/default/x")));
        Assert.True(ClusterErrors.IsTransient(new AggregateException(new InvalidOperationException(), new TimeoutException())));
        Assert.False(ClusterErrors.IsTransient(new InvalidOperationException("a bug")));
    }
}
