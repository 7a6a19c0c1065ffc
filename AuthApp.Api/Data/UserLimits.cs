namespace AuthApp.Api.Data;

/// <summary>Column sizes shared by the model and the request validation.</summary>
public static class UserLimits
{
    /// <summary>RFC 5321 caps a forward path at 254 characters.</summary>
    public const int EmailMaxLength = 254;

    public const int DisplayNameMaxLength = 100;
}
