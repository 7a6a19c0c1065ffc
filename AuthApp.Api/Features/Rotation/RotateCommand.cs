namespace AuthApp.Api.Features.Rotation;

/// <summary>
/// <c>AuthApp.Api rotate-credentials [postgres-password|redis-password|token-hash-key|oidc-signing-key …] [--actor NAME]</c>: the command
/// line of a rotation, for CI and scripts; the AppHost's "Rotate credentials" button runs the same (decision 0095).
/// With the API's own settings, so it reaches the same servers and secret folder. Exit 0 when every secret rotated.
/// </summary>
public static class RotateCommand
{
    public const string Name = "rotate-credentials";

    public static async Task<int> RotateAndExitAsync(this WebApplication app, string[] arguments)
    {
        var secrets = new List<string>();
        var actor = Environment.UserName;
        for (var i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] == "--actor" && i + 1 < arguments.Length) actor = arguments[++i];
            else if (RotatedSecrets.All.Contains(arguments[i])) secrets.Add(arguments[i]);
            else
            {
                await Console.Error.WriteLineAsync($"Rotation refused: unknown argument '{arguments[i]}'. Usage: {Name} [{string.Join("|", RotatedSecrets.All)} …] [--actor NAME]");
                return 2;
            }
        }

        try
        {
            await app.Services.GetRequiredService<CredentialRotation>().RotateAsync(secrets.Count > 0 ? secrets : RotatedSecrets.All, actor, CancellationToken.None);
            return 0;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or StackExchange.Redis.RedisException or IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // Npgsql and Redis messages name the host and the reason, never a password.
            await Console.Error.WriteLineAsync($"Rotation failed: {e.Message}");
            return 1;
        }
    }

    public static IServiceCollection AddRotation(this IServiceCollection services)
    {
        services.AddSingleton<SecretFolder>();
        services.AddSingleton<PostgresRotation>();
        services.AddSingleton<RedisRotation>();
        services.AddSingleton<TokenHashKeyRotation>();
        services.AddSingleton<OidcSigningKeyRotation>();
        services.AddSingleton<CredentialRotation>();
        return services;
    }
}
