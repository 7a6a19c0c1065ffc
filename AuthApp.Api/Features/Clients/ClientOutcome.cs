namespace AuthApp.Api.Features.Clients;

/// <summary>What a client change came to: the client (with its new secret, if one was made), or why not.</summary>
public sealed record ClientOutcome(ClientResponse? Client, bool NotFound = false, Dictionary<string, string[]>? Errors = null, string? Conflict = null)
{
    public static readonly ClientOutcome Missing = new(null, NotFound: true);

    public static ClientOutcome Done(ClientResponse client) => new(client);

    public static ClientOutcome Invalid(Dictionary<string, string[]> errors) => new(null, Errors: errors);

    public static ClientOutcome Refused(string reason) => new(null, Conflict: reason);
}

/// <summary>The reasons a client change is refused with 409.</summary>
public static class ClientConflicts
{
    public const string IdTaken = "A client with this id already exists.";
    public const string BuiltIn = "The kubectl client is built in: AuthApp would create it again at its next start. Edit it instead, or remove its grants.";
    public const string NoSecret = "This is a public client: it has no secret to reset.";
    public const string ChangedMeanwhile = "The client was changed by someone else at the same moment. Reload it and try again.";
}
