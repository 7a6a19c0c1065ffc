using AuthApp.Tests.Infrastructure;

namespace AuthApp.Tests.Faults;

/// <summary>Redis that accepts connections but answers nothing: the command timeout turns it into a prompt 503.</summary>
[Collection(nameof(FaultCollection))]
public sealed class RedisPauseTests(TestServices services)
{
    /// <summary>The API's Redis command timeout (3 s, AuthApiServices) plus the client's 1 s timeout scan and slack.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(6);

    [Fact] // S11
    public async Task RedisPausedLongerThanTheCommandTimeoutAnswers503WithinTheBoundAndNeverHangs()
    {
        await using var redis = await RestartableRedis.StartAsync();
        await using var api = services.CreateApi(settings => settings["ConnectionStrings:redis"] = redis.ConnectionString);
        using var setup = api.CreateClient();
        var user = (await AccountTraffic.PrepareAsync(setup, 1))[0];
        await using var traffic = new Traffic();
        traffic.Run("me", api.CreateClient, (http, _) => http.GetMeAsync(user.Access), workers: 3);
        traffic.Run("introspect", api.CreateClient, (http, _) => http.IntrospectAsync(user.Access));
        await Poll.UntilAsync(() => traffic.Count("me", o => o.Status == 200) >= 10, TimeSpan.FromSeconds(30), "token checks before the pause");

        var pause = TimeSpan.FromSeconds(8);
        var paused = DateTimeOffset.UtcNow;
        await redis.PauseAsync(pause);
        await Poll.UntilAsync(
            () => traffic.Count("me", o => o.Started > paused && o.Status == 503) >= 3 && traffic.Count("introspect", o => o.Started > paused && o.Status == 503) >= 1,
            pause, "token checks to answer 503 during the pause");
        var resumed = paused + pause;
        await Poll.UntilAsync(
            () => traffic.Count("me", o => o.Started > resumed && o.Status == 200) > 0,
            pause + TimeSpan.FromSeconds(10), "token checks to succeed after the pause");
        await traffic.StopAsync();

        var all = traffic.Outcomes;
        Traffic.AssertNoServerError(all, api.Logs);
        Assert.DoesNotContain(all, o => o.Status == 401);
        var slowest = all.Max(o => o.Duration);
        var recovery = all.Where(o => o.Started > resumed && o.Status == 200).Min(o => o.Ended) - resumed;
        Assert.True(slowest < AnswerBound, $"A request took {slowest.TotalSeconds:0.0} s.");
        Assert.All(all.Where(o => o.Status == 503), o => Assert.True(o.HasRetryAfter));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Redis paused {pause.TotalSeconds} s: slowest answer {slowest.TotalSeconds:0.0} s, first 200 {recovery.TotalSeconds:0.0} s after the pause; {Traffic.Describe(all)}");
        Assert.Equal(System.Net.HttpStatusCode.OK, await setup.MeStatusAsync(user.Access));
    }
}
