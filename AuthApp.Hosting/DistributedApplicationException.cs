namespace AuthApp.Hosting;

/// <summary>
/// The application cannot start or a resource became unavailable; the message says what to do
/// (what to install, which port is taken, how to reset the state directory).
/// </summary>
public sealed class DistributedApplicationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DistributedApplicationException()
    {
    }

    /// <summary>Creates the exception with a message meant for the person running the AppHost.</summary>
    public DistributedApplicationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public DistributedApplicationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
