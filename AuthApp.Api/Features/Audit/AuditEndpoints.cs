using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Audit;

/// <summary><c>GET /admin/audit</c>: page and filter the audit log (role <c>admin</c> only, S14).</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/audit", ListEvents)
            .RequireAdmin()
            .WithTags("Admin")
            .WithSummary("Page through the security audit log, newest first, filtered by subject, actor, type, outcome and time.");
        return app;
    }

    public static async Task<Results<Ok<AuditPage>, ValidationProblem>> ListEvents(
        IAuditLog audit,
        string? subject,
        string? actor,
        string? type,
        string? outcome,
        DateTimeOffset? from,
        DateTimeOffset? to,
        int? page,
        int? pageSize,
        CancellationToken cancellationToken)
    {
        var query = new AuditQuery(subject, actor, type, outcome, from, to, page ?? 1, pageSize ?? AuditQuery.DefaultPageSize);
        if (query.Validate() is { } errors) return TypedResults.ValidationProblem(errors);
        return TypedResults.Ok(await audit.QueryAsync(query, cancellationToken));
    }
}
