namespace AuthApp.Api.Features.Audit;

/// <summary>
/// One security event to record (S18). <see cref="Actor"/> and <see cref="Subject"/> hold a user id
/// ("D" format) when the user is known, otherwise a normalised email or a client id; never a password,
/// token or token hash (S17). <see cref="Detail"/> is a short reason code such as <c>wrong_password</c>.
/// </summary>
public sealed record AuditEvent(string Type, string Outcome)
{
    /// <summary>Who did it: the acting user's id, an API client id, or null for an anonymous caller.</summary>
    public string? Actor { get; init; }

    /// <summary>Whom it concerns: the affected user's id, or the email tried at login.</summary>
    public string? Subject { get; init; }

    /// <summary>The caller's IP address as the API saw it.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>A short, non-secret reason code or note (at most 256 characters).</summary>
    public string? Detail { get; init; }
}

/// <summary>The event types AuthApp records; admin changes are <c>admin.*</c> (actor: the admin, subject: the user).</summary>
public static class AuditEventTypes
{
    public const string Registration = "user.register";
    public const string Login = "login";
    public const string Lockout = "login.lockout";
    public const string Refresh = "token.refresh";
    public const string RefreshReuse = "token.reuse_detected";
    public const string Revocation = "token.revoke";
    public const string PasswordChange = "password.change";
    public const string LogoutEverywhere = "sessions.revoke_all";
    public const string AdminUserCreated = "admin.user_created";
    public const string AdminUserUpdated = "admin.user_updated";
    public const string AdminRolesChanged = "admin.roles_changed";
    public const string AdminUserDisabled = "admin.user_disabled";
    public const string AdminUserEnabled = "admin.user_enabled";
    public const string AdminUserDeleted = "admin.user_deleted";
    public const string AdminPasswordSet = "admin.password_set";
    public const string AdminSessionRevoked = "admin.session_revoked";
    public const string AdminSessionsRevoked = "admin.sessions_revoked";
    public const string AdminBootstrap = "admin.bootstrap";
    public const string AdminOidcSigningKeyRotated = "admin.oidc_signing_key_rotated";

    /// <summary>OpenID Connect clients (decision 0092): the subject is the client id; a secret never appears.</summary>
    public const string AdminClientCreated = "admin.client_created";
    public const string AdminClientUpdated = "admin.client_updated";
    public const string AdminClientDeleted = "admin.client_deleted";
    public const string AdminClientSecretReset = "admin.client_secret_reset";

    /// <summary>The OpenID Connect issuer (issue 12): an authorization code or device approval given or refused.</summary>
    public const string OidcAuthorize = "oidc.authorize";

    /// <summary>The OpenID Connect token endpoint: tokens issued (code, refresh or device grant) or refused.</summary>
    public const string OidcToken = "oidc.token";

    /// <summary>A secret was rotated (actor: who ran the rotation, subject: the secret's name; never its value).</summary>
    public const string SecretRotation = "secret.rotate";

    /// <summary>The actor of changes the service makes by itself (the bootstrap admin).</summary>
    public const string SystemActor = "system";
}

/// <summary>The two outcomes an event can have.</summary>
public static class AuditOutcomes
{
    public const string Success = "success";
    public const string Failure = "failure";

    public static bool IsKnown(string value) => value is Success or Failure;
}
