using System.Security.Claims;
using AuthApp.Api.Infrastructure;

namespace AuthApp.Api.Features.Audit;

/// <summary>Records an event for the current request: the caller as actor, its address as client address.</summary>
public static class AuditLogExtensions
{
    public static Task RecordAsync(
        this IAuditLog audit, HttpContext context, string type, string outcome, string? subject, string? detail = null) =>
        audit.RecordAsync(
            new AuditEvent(type, outcome)
            {
                Actor = context.User.FindFirstValue(ClaimTypes.NameIdentifier),
                Subject = subject,
                ClientAddress = context.ClientAddressOf(),
                Detail = detail,
            },
            context.RequestAborted);
}
