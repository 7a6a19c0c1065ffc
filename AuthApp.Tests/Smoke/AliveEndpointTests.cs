using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AuthApp.Tests.Smoke;

public sealed class AliveEndpointTests
{
    [Fact]
    public async Task AliveAnswersOkWithoutAnyBackingService()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
