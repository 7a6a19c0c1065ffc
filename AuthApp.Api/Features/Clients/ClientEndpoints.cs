using AuthApp.Api.Features.Admin;
using AuthApp.Api.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AuthApp.Api.Features.Clients;

/// <summary>
/// <c>/admin/clients</c>: the OpenID Connect clients (issue 12, decision 0092), under the admin group's
/// <c>admin</c> role check (S14). A client's secret is in the answer that made it, and nowhere else.
/// </summary>
public static class ClientEndpoints
{
    public static RouteGroupBuilder MapClientAdminApi(this RouteGroupBuilder admin)
    {
        var clients = admin.MapGroup("/clients");
        clients.MapGet("/", List).WithSummary("Every OpenID Connect client, by id (never a secret).");
        clients.MapGet("/{clientId}", Get).WithSummary("One client.");
        clients.MapPost("/", Create).WithSummary("Register a client; a confidential client's generated secret is in this answer only.");
        clients.MapPatch("/{clientId}", Update).WithSummary("Change the display name, grants, redirect URIs or post-logout redirect URIs.");
        clients.MapDelete("/{clientId}", Delete).WithSummary("Delete a client with its codes and tokens (the built-in kubectl client cannot be deleted).");
        clients.MapPost("/{clientId}/secret", ResetSecret).WithSummary("Give a confidential client a new secret, shown in this answer only; the old one stops working.");
        return admin;
    }

    public static async Task<Ok<IReadOnlyList<ClientResponse>>> List(ClientChanges clients, CancellationToken cancellationToken) =>
        TypedResults.Ok(await clients.ListAsync(cancellationToken));

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Get(string clientId, ClientChanges clients, CancellationToken cancellationToken) =>
        await clients.GetAsync(clientId, cancellationToken) is { } client ? TypedResults.Ok(client) : NotFound();

    public static async Task<Results<Created<ClientResponse>, ProblemHttpResult>> Create(CreateClientRequest request, ClientChanges clients, HttpContext context)
    {
        var outcome = await clients.CreateAsync(request, context);
        if (outcome.Client is not { } client) return Failure(outcome);
        NoStore(context);
        return TypedResults.Created($"/admin/clients/{client.ClientId}", client);
    }

    public static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> Update(
        string clientId, UpdateClientRequest request, ClientChanges clients, HttpContext context)
    {
        var outcome = await clients.UpdateAsync(clientId, request, context);
        return outcome.Client is { } client ? TypedResults.Ok(client) : Failure(outcome);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string clientId, ClientChanges clients, HttpContext context)
    {
        var outcome = await clients.DeleteAsync(clientId, context);
        return outcome.Client is not null ? TypedResults.NoContent() : Failure(outcome);
    }

    public static async Task<Results<Ok<ClientSecretResponse>, ProblemHttpResult>> ResetSecret(string clientId, ClientChanges clients, HttpContext context)
    {
        var outcome = await clients.ResetSecretAsync(clientId, context);
        if (outcome.Client is not { ClientSecret: { } secret } client) return Failure(outcome);
        NoStore(context);
        return TypedResults.Ok(new ClientSecretResponse(client.ClientId, secret));
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem("No client exists with this id.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static ProblemHttpResult Failure(ClientOutcome outcome) => outcome switch
    {
        { Errors: { } errors } => AdminUserEndpoints.Invalid(errors),
        { Conflict: { } reason } => ApiProblems.Conflict(reason),
        _ => NotFound(),
    };

    /// <summary>An answer carrying a secret must not be kept by any cache (as for tokens, S9).</summary>
    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }
}
