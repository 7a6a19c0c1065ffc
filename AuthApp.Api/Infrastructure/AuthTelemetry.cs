using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AuthApp.Api.Infrastructure;

/// <summary>Every telemetry name the API emits, in one place. Tags never carry secrets.</summary>
public static class AuthTelemetry
{
    /// <summary>Name of both the activity source and the meter.</summary>
    public const string Name = "AuthApp.Api";

    public const string LoginsCounter = "authapp.logins";
    public const string RegistrationsCounter = "authapp.registrations";
    public const string RevocationsCounter = "authapp.tokens.revoked";
    public const string IntrospectionsCounter = "authapp.introspections";
    public const string LockoutsCounter = "authapp.lockouts";
    public const string RefreshesCounter = "authapp.refreshes";
    public const string RefreshReuseCounter = "authapp.refresh_token.reuse_detected";
    public const string RequestsShedCounter = "authapp.requests.shed";
    public const string LiveSessionsGauge = "authapp.sessions.live";

    /// <summary>Span around a password check (user lookup, PBKDF2, rehash).</summary>
    public const string LoginActivity = "authapp.login";

    /// <summary>Tag on <see cref="LoginsCounter"/>, <see cref="LoginActivity"/>, <see cref="RefreshesCounter"/> and <see cref="IntrospectionsCounter"/>.</summary>
    public const string OutcomeTag = "outcome";

    /// <summary>Tag on <see cref="LockoutsCounter"/>: <c>account</c> or <c>address</c>.</summary>
    public const string ScopeTag = "scope";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Logins = Meter.CreateCounter<long>(LoginsCounter, description: "Password logins by outcome.");
    public static readonly Counter<long> Registrations = Meter.CreateCounter<long>(RegistrationsCounter, description: "Accounts registered.");
    public static readonly Counter<long> Revocations = Meter.CreateCounter<long>(RevocationsCounter, description: "Tokens revoked.");
    public static readonly Counter<long> Introspections = Meter.CreateCounter<long>(IntrospectionsCounter, description: "Introspection answers by outcome.");
    public static readonly Counter<long> Lockouts = Meter.CreateCounter<long>(LockoutsCounter, description: "Temporary locks after too many failed logins, by scope.");
    public static readonly Counter<long> Refreshes = Meter.CreateCounter<long>(RefreshesCounter, description: "Refresh-token grants by outcome.");
    public static readonly Counter<long> RequestsShed = Meter.CreateCounter<long>(RequestsShedCounter, description: "Requests answered 503 at once because the API was at its concurrency limit (Overload).");
    public static readonly Counter<long> RefreshReuses = Meter.CreateCounter<long>(RefreshReuseCounter, description: "Rotated refresh tokens presented again (each revokes a session).");
}
