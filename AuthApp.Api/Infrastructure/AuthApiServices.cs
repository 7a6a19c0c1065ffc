using System.Text.Json.Serialization;
using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.Admin;
using AuthApp.Api.Features.Introspection;
using AuthApp.Api.Features.OpenIdConnect;
using AuthApp.Api.Features.Protection;
using AuthApp.Api.Features.Rotation;
using AuthApp.Api.Features.Sessions;
using AuthApp.Api.Features.Tokens;
using AuthApp.Api.Features.Users;
using AuthApp.Api.Infrastructure.Input;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTelemetry.Trace;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Infrastructure;

/// <summary>Everything the API registers, grouped by concern.</summary>
public static class AuthApiServices
{
    public static WebApplicationBuilder AddAuthApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.Section);
        services.AddValidatedOptions<AccessTokenOptions, AccessTokenOptionsValidator>(AccessTokenOptions.Section);
        services.AddValidatedOptions<RefreshTokenOptions, RefreshTokenOptionsValidator>(RefreshTokenOptions.Section);
        services.AddValidatedOptions<AccountLockoutOptions, AccountLockoutOptionsValidator>(AccountLockoutOptions.Section);
        services.AddValidatedOptions<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.Section);
        services.AddValidatedOptions<OverloadOptions, OverloadOptionsValidator>(OverloadOptions.Section);
        services.AddValidatedOptions<PasswordPolicyOptions, PasswordPolicyOptionsValidator>(PasswordPolicyOptions.Section);
        services.AddValidatedOptions<IntrospectionOptions, IntrospectionOptionsValidator>(IntrospectionOptions.Section);
        services.AddValidatedOptions<CorsSettings, CorsSettingsValidator>(CorsSettings.Section);
        services.AddValidatedOptions<RotationOptions, RotationOptionsValidator>(RotationOptions.Section);

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        services.ConfigureHttpJsonOptions(json =>
        {
            // Strict JSON (S13): unknown fields, nulls for non-nullable and missing required values are 400s.
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            json.SerializerOptions.RespectNullableAnnotations = true;
            json.SerializerOptions.RespectRequiredConstructorParameters = true;
            // Strings a store cannot take (NUL, unpaired surrogates, a kilobyte and more) are 400s naming the field.
            json.SerializerOptions.Converters.Add(new StorableStringConverter());
        });
        // Binding failures throw, so the exception handler can answer with a problem body naming them.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDefaults.FillDetail);
        services.AddExceptionHandler<ApiExceptionHandler>();

        builder.AddStores();
        services.AddAccountServices();
        services.AddTokenServices();
        services.AddProtectionServices();
        services.AddAdminServices();
        builder.AddOpenIdConnectIssuer();
        services.AddRotation();
        services.AddCorsFromSettings();
        services.AddOpenApi();
        services.AddTelemetrySource(AuthTelemetry.Name);
        return builder;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddCheckedOptions<TOptions>(section);
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }

    /// <summary>
    /// Aspire's client integrations: pooled DbContext and Redis multiplexer with their health checks, tracing and
    /// metrics. Both connect lazily, so `migrate` needs no Redis setting; the API validates both settings at start.
    /// Passwords follow <see cref="StoragePasswords"/>, so a rotation needs no restart (decision 0094).
    /// </summary>
    private static void AddStores(this WebApplicationBuilder builder)
    {
        var passwords = new StoragePasswords(builder.Configuration);
        var fallback = new PostgresPasswordFallback(passwords.Postgres);
        builder.Services.AddSingleton(passwords);
        // Our own data source, so each new physical connection asks for the password of the moment; Aspire's
        // EnrichNpgsqlDbContext adds its health check, tracing and metrics to the context built on it.
        builder.Services.AddSingleton(_ => fallback.CreateDataSource(builder.Configuration.GetConnectionString("authdb")));
        builder.Services.AddDbContextPool<AuthDbContext>((services, options) =>
            options.UseNpgsql(services.GetRequiredService<NpgsqlDataSource>()).AddInterceptors(fallback));
        // EF's retrying strategy refuses user-initiated transactions (the last-admin lock takes one); a failed
        // call is answered 503 and the client retries instead.
        builder.EnrichNpgsqlDbContext<AuthDbContext>(settings => settings.DisableRetry = true);
        builder.AddRedisClient("redis", configureSettings: settings => settings.DisableTracing = true, configureOptions: redis =>
        {
            // Start even when Redis is down; calls then fail fast and are answered with 503.
            redis.AbortOnConnectFail = false;
            redis.ConnectTimeout = 3000;
            redis.SyncTimeout = redis.AsyncTimeout = 3000;
            // Replies complete on the .NET thread pool, where the request continues anyway: the dedicated reader
            // threads cost a thread hop and a wake-up per reply, about a fifth of the API's CPU per token check here (decision 0097).
            redis.SocketManager = StackExchange.Redis.SocketManager.ThreadPool;
            // The multiplexer reads the password from these very options whenever it (re)connects.
            redis.Password = passwords.Redis.Current;
            passwords.Redis.OnChange(password => redis.Password = password);
        });
        // Redis spans from OpenTelemetry's current instrumentation, not the older copy inside Aspire's integration (switched
        // off above): that copy held every profiled command for 10 s, a fifth of the API's CPU under load (decision 0105).
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddRedisInstrumentation(options => options.EnrichActivityWithTimingEvents = false));
        builder.Services.AddSingleton(TimeProvider.System);
    }

    private static void AddAccountServices(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<PasswordPolicyOptions>>(
            (hasher, password) => hasher.IterationCount = password.Value.Iterations);
        services.AddSingleton<PasswordHashing>();
        services.AddSingleton<CommonPasswords>();
        services.AddSingleton<PasswordPolicy>();
        services.AddScoped<UserRegistration>();
        services.AddScoped<PasswordChange>();
    }

    private static void AddTokenServices(this IServiceCollection services)
    {
        services.AddSingleton<TokenHasher>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<TokenFamilies>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<AccountVersions>();
        services.AddScoped<LoginSessions>();
        services.AddScoped<PasswordLogin>();
        services.AddScoped<PasswordGrant>();
        services.AddScoped<RefreshGrant>();
        services.AddSingleton<IntrospectionClientAuthenticator>();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddAdminAuthorization();
    }

    private static void AddProtectionServices(this IServiceCollection services)
    {
        services.AddSingleton<LoginThrottle>();
        services.AddClientRateLimits();
        services.AddLoadShedding();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddSingleton<AuditBatchWriter>();
        services.AddSingleton<AuditOutbox>();
        services.AddHostedService<AuditOutboxDrain>();
        services.AddHostedService<LiveSessionsGauge>();
    }

    private static void AddCorsFromSettings(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) =>
            cors.AddDefaultPolicy(policy =>
            {
                // Credentials only ever go with the listed origins; with none listed, no origin is allowed.
                if (settings.Value.AllowedOrigins.Length == 0) return;
                policy.WithOrigins(settings.Value.AllowedOrigins).AllowAnyHeader().AllowAnyMethod().AllowCredentials();
            }));
    }
}
