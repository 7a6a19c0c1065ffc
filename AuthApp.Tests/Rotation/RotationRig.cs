using System.Security.Cryptography;
using AuthApp.Tests.Faults;
using AuthApp.Tests.Infrastructure;
using Npgsql;

namespace AuthApp.Tests.Rotation;

/// <summary>
/// What a rotation test rotates: a PostgreSQL role and database of its own on the shared server, a Redis of its own,
/// a secret folder, and the API as a process reading that folder (rotating the shared servers' passwords would break
/// every other test).
/// </summary>
public sealed class RotationRig : IAsyncDisposable
{
    private RotationRig(RedisServer redis, string folder, string role, string postgresPassword, string database)
    {
        Redis = redis;
        Folder = folder;
        Role = role;
        OriginalPostgresPassword = postgresPassword;
        Database = database;
    }

    public RedisServer Redis { get; }

    public string Folder { get; }

    public string Role { get; }

    public string OriginalPostgresPassword { get; }

    /// <summary>The role's connection string, with the password it had at the start.</summary>
    public string Database { get; }

    public KillableApi Api { get; private set; } = null!;

    /// <summary>A second API process on the same servers and folder, when a test starts one: another replica.</summary>
    public KillableApi? Replica { get; private set; }

    /// <summary>Settings a test adds for the API, its replica and the rotation command alike.</summary>
    public Dictionary<string, string?> Overrides { get; } = [];

    public static async Task<RotationRig> StartAsync(TestServices services)
    {
        var role = $"rot_{Guid.NewGuid():N}"[..20];
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        await using (var admin = new NpgsqlConnection(services.Postgres.ConnectionString("postgres")))
        {
            await admin.OpenAsync(ApiClient.Cancel);
            foreach (var sql in new[] { $"CREATE ROLE {role} LOGIN PASSWORD '{password}'", $"CREATE DATABASE {role} OWNER {role}" })
            {
                await using var command = new NpgsqlCommand(sql, admin);
                await command.ExecuteNonQueryAsync(ApiClient.Cancel);
            }
        }

        var database = new NpgsqlConnectionStringBuilder(services.Postgres.ConnectionString(role)) { Username = role, Password = password }.ConnectionString;
        await using (var db = services.CreateDbContext(database))
        {
            await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.MigrateAsync(db.Database, ApiClient.Cancel);
        }

        var folder = ProcessRunner.NewTempDirectory("authapp-secrets");
        return new RotationRig(await RedisServer.StartAsync(), folder, role, password, database);
    }

    /// <summary>The API's settings: its own servers and the secret folder, and nothing of the rotation yet.</summary>
    public Dictionary<string, string?> Settings(TestServices services)
    {
        var settings = services.Settings();
        // Connections live one second, so the pool keeps opening new ones through the rotation: the case that matters.
        settings["ConnectionStrings:authdb"] = Database + ";Connection Lifetime=1";
        settings["ConnectionStrings:redis"] = Redis.ConnectionString;
        settings["Secrets:Directory"] = Folder;
        // The default: the services poll the folder about every 4 s, and on a loaded machine 6 s left too little margin.
        settings["Rotation:SwitchDelay"] = "00:00:10";
        settings["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in Overrides) settings[key] = value;
        return settings;
    }

    public async Task StartApiAsync(TestServices services, Uri? address = null) => Api = await KillableApi.StartAsync(Settings(services), address);

    public async Task StartReplicaAsync(TestServices services) => Replica = await KillableApi.StartAsync(Settings(services));

    /// <summary><c>AuthApp.Api rotate-credentials</c>, the command line CI and scripts use, with the API's settings.</summary>
    public async Task<(int ExitCode, string Output)> RotateAsync(TestServices services, params string[] secrets)
    {
        var environment = Settings(services).Where(s => s.Value is not null)
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        // A busy 2-core machine starts the process slowly; the OIDC rotation alone waits two refresh intervals and more.
        return await ApiProcess.RunAsync(["rotate-credentials", .. secrets, "--actor", "rotation-test"], environment, TimeSpan.FromMinutes(3));
    }

    public string? SecretFile(string name) =>
        File.Exists(Path.Combine(Folder, name)) ? File.ReadAllText(Path.Combine(Folder, name)) : null;

    public async ValueTask DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
        if (Replica is not null) await Replica.DisposeAsync();
        await Redis.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
