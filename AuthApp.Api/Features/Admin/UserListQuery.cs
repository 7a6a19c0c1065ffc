using AuthApp.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace AuthApp.Api.Features.Admin;

/// <summary>Query string of <c>GET /admin/users</c>; every value is optional.</summary>
public sealed record UserListParameters(string? Search, string? Sort, string? Order, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 254;
}

/// <summary>
/// Search (email or display name, case-insensitive substring), sort (email, displayName, createdAt;
/// asc or desc) and page. The id breaks ties, so the order is total and pages never overlap.
/// </summary>
public static class UserListQuery
{
    public static readonly string[] SortFields = ["email", "displayName", "createdAt"];

    /// <summary>The problems with the parameters, by parameter name; empty when they are fine.</summary>
    public static Dictionary<string, string[]> Validate(UserListParameters p)
    {
        var errors = new Dictionary<string, string[]>();
        if (p.Search is { Length: > UserListParameters.MaxSearchLength }) errors["search"] = [$"The search must be at most {UserListParameters.MaxSearchLength} characters."];
        if (p.Sort is not null && !SortFields.Contains(p.Sort, StringComparer.OrdinalIgnoreCase)) errors["sort"] = ["Sort by one of: email, displayName, createdAt."];
        if (p.Order is not null && p.Order is not ("asc" or "desc")) errors["order"] = ["The order must be asc or desc."];
        if (p.Page is < 1) errors["page"] = ["The page must be 1 or more."];
        // The row offset is an int: a page past it would overflow into a negative OFFSET the database refuses.
        else if ((long)((p.Page ?? 1) - 1) * (p.PageSize ?? UserListParameters.DefaultPageSize) > int.MaxValue) errors["page"] = ["The page is too large."];
        if (p.PageSize is < 1 or > UserListParameters.MaxPageSize) errors["pageSize"] = [$"The page size must be between 1 and {UserListParameters.MaxPageSize}."];
        return errors;
    }

    public static async Task<UserPage> RunAsync(AuthDbContext db, UserListParameters p, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(p.Search))
        {
            var pattern = $"%{EscapeLike(p.Search.Trim())}%";
            users = users.Where(u => EF.Functions.ILike(u.Email, pattern, "\\")
                || (u.DisplayName != null && EF.Functions.ILike(u.DisplayName, pattern, "\\")));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = p.Page ?? 1;
        var size = p.PageSize ?? UserListParameters.DefaultPageSize;
        var items = await Sort(users, p.Sort, p.Order == "desc")
            .Skip((page - 1) * size)
            .Take(size)
            .ToListAsync(cancellationToken);
        return new UserPage([.. items.Select(AdminUserResponse.From)], total, page, size);
    }

    private static IOrderedQueryable<UserAccount> Sort(IQueryable<UserAccount> users, string? field, bool descending) =>
        (field?.ToLowerInvariant(), descending) switch
        {
            ("displayname", false) => users.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
            ("displayname", true) => users.OrderByDescending(u => u.DisplayName).ThenByDescending(u => u.Id),
            ("createdat", false) => users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id),
            ("createdat", true) => users.OrderByDescending(u => u.CreatedAt).ThenByDescending(u => u.Id),
            // Normalised email, so case does not split "Bob@" from "bob@" in the order.
            (_, false) => users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id),
            (_, true) => users.OrderByDescending(u => u.NormalizedEmail).ThenByDescending(u => u.Id),
        };

    /// <summary>The search is a literal substring: LIKE's wildcards in it match themselves.</summary>
    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
