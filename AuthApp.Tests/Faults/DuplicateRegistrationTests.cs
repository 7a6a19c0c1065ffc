using System.Net;
using System.Net.Http.Json;
using AuthApp.Api.Features.Audit;
using AuthApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static AuthApp.Tests.Infrastructure.ApiClient;

namespace AuthApp.Tests.Faults;

/// <summary>Many registrations of one email at the same moment: the unique index decides, once.</summary>
public sealed class DuplicateRegistrationTests(TestServices services)
{
    [Fact]
    public async Task ConcurrentRegistrationsOfOneEmailGiveExactlyOne201AndTheRest409()
    {
        var email = FreshEmail("race");
        using var client = services.Api.CreateClient();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
            // Case variants too: emails are unique case-insensitively.
            await client.PostAsJsonAsync("/users", new { email = i % 2 == 0 ? email : email.ToUpperInvariant(), password = FreshPassword() }, Cancel)));
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var conflict in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await conflict.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("An account with this email already exists.", problem.GetProperty("detail").GetString());
        }

        await using var db = services.CreateDbContext();
        var id = Assert.Single(await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.Id).ToListAsync(Cancel));
        var registered = await services.AuditRowsAsync(id.ToString());
        Assert.Single(registered, e => e.Type == AuditEventTypes.Registration && e.Outcome == AuditOutcomes.Success);
        foreach (var response in responses) response.Dispose();
    }
}
