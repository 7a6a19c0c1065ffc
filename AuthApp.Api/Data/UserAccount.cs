namespace AuthApp.Api.Data;

/// <summary>An account as stored in PostgreSQL. Only the password's hash is kept, never the password.</summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }

    /// <summary>The email as the user typed it, shown back to them.</summary>
    public required string Email { get; set; }

    /// <summary>NFKC-normalised, lower-cased email; unique, so uniqueness ignores case.</summary>
    public required string NormalizedEmail { get; set; }

    public string? DisplayName { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Role names (e.g. <c>admin</c>); checked by the admin endpoints of issue 4.</summary>
    public List<string> Roles { get; set; } = [];

    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Whether an admin vouched for the email (the bootstrap admin is verified, self-registration is not). The OpenID
    /// Connect issuer refuses unverified emails (decision 0088): the Kubernetes API server would refuse them anyway.
    /// </summary>
    public bool EmailVerified { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
