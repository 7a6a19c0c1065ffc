namespace AuthApp.Api.Infrastructure;

/// <summary>
/// The account store ended a transaction before this process committed or rolled it back: the connection broke between
/// two of its statements (a restart, a failover). Npgsql refuses the next statement with an
/// <see cref="InvalidOperationException"/>; this names it an outage (503), which it is, rather than a bug (500).
/// </summary>
internal sealed class StoreConnectionLostException(Exception inner)
    : Exception("The connection to the account store broke during a transaction.", inner);
