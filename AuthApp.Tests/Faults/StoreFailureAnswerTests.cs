using AuthApp.Api.Infrastructure;
using StackExchange.Redis;

namespace AuthApp.Tests.Faults;

/// <summary>
/// Which answer a store failure becomes, also when another exception wraps it: an unreachable token store is a 503
/// (fail closed), never a 500. The restart tests show it end to end; these pin the cases a restart only sometimes hits.
/// </summary>
public sealed class StoreFailureAnswerTests
{
    public static TheoryData<string, Exception> TokenStoreFailures => new()
    {
        { "closed socket", new RedisConnectionException(ConnectionFailureType.SocketClosed, "closed") },
        { "server loading", new RedisServerException("LOADING Redis is loading the dataset in memory") },
        { "timeout", new RedisTimeoutException("timed out", CommandStatus.Sent) },
        { "wrapped", new InvalidOperationException("while reading", new RedisConnectionException(ConnectionFailureType.SocketFailure, "reset")) },
        { "aggregated", new AggregateException(new RedisConnectionException(ConnectionFailureType.UnableToConnect, "refused")) },
    };

    [Theory]
    [MemberData(nameof(TokenStoreFailures))]
    public void RedisFailuresAnswer503TokenStoreUnavailable(string _, Exception failure)
    {
        var (status, title, _) = ApiExceptionHandler.Classify(failure);

        Assert.Equal(503, status);
        Assert.Equal("Token store unavailable", title);
    }

    [Fact]
    public void AnUnrelatedFailureIsStillA500()
    {
        Assert.Equal(500, ApiExceptionHandler.Classify(new InvalidOperationException("a bug")).Status);
    }
}
