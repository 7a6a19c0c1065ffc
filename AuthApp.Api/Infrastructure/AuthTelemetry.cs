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

    /// <summary>Span around a password check (user lookup, PBKDF2, rehash).</summary>
    public const string LoginActivity = "authapp.login";

    /// <summary>Tag on <see cref="LoginsCounter"/>, <see cref="LoginActivity"/> and <see cref="IntrospectionsCounter"/>.</summary>
    public const string OutcomeTag = "outcome";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Logins = Meter.CreateCounter<long>(LoginsCounter, description: "Password logins by outcome.");
    public static readonly Counter<long> Registrations = Meter.CreateCounter<long>(RegistrationsCounter, description: "Accounts registered.");
    public static readonly Counter<long> Revocations = Meter.CreateCounter<long>(RevocationsCounter, description: "Tokens revoked.");
    public static readonly Counter<long> Introspections = Meter.CreateCounter<long>(IntrospectionsCounter, description: "Introspection answers by outcome.");
}
