using AuthApp.Api.Data;
using AuthApp.Api.Features.Audit;
using AuthApp.Api.Features.OpenIdConnect;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthApp.Api.Features.Clients;

/// <summary>
/// Admin changes of OpenID Connect clients, through OpenIddict's application manager (which hashes secrets and
/// checks its own rules once more). Each change is one write, so a refusal changes nothing; each change, and each
/// refusal with 409, is audited after it (S18) with the client id as subject, never a secret (S17).
/// </summary>
public sealed partial class ClientChanges(
    IOpenIddictApplicationManager applications, AuthDbContext db, IAuditLog audit, ILogger<ClientChanges> logger)
{
    public async Task<IReadOnlyList<ClientResponse>> ListAsync(CancellationToken cancellationToken)
    {
        var clients = new List<ClientResponse>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            clients.Add(Describe(await ReadAsync(application, cancellationToken)));
        }

        return [.. clients.OrderBy(c => c.ClientId, StringComparer.Ordinal)];
    }

    public async Task<ClientResponse?> GetAsync(string clientId, CancellationToken cancellationToken) =>
        await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application
            ? Describe(await ReadAsync(application, cancellationToken))
            : null;

    public async Task<ClientOutcome> CreateAsync(CreateClientRequest request, HttpContext context)
    {
        var redirectUris = request.RedirectUris ?? [];
        var postLogoutUris = request.PostLogoutRedirectUris ?? [];
        var errors = ClientRules.Check(request.DisplayName, request.Grants, redirectUris, postLogoutUris);
        if (ClientRules.ClientIdProblem(request.ClientId) is { } idProblem) errors["clientId"] = [idProblem];
        if (ClientRules.TypeProblem(request.Type) is { } typeProblem) errors["type"] = [typeProblem];
        if (errors.Count > 0) return ClientOutcome.Invalid(errors);

        var cancellationToken = context.RequestAborted;
        if (await ExistsAsync(request.ClientId, cancellationToken)) return await RefuseAsync(context, AuditEventTypes.AdminClientCreated, request.ClientId, "client_id_taken", ClientConflicts.IdTaken);

        var confidential = request.Type == ClientTypes.Confidential;
        var secret = confidential ? ClientSecrets.Generate() : null;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = request.ClientId,
            ClientType = request.Type,
            ClientSecret = secret,
            // Public clients are native apps: a loopback redirect URI matches on any port (RFC 8252 §7.3).
            ApplicationType = confidential ? ApplicationTypes.Web : ApplicationTypes.Native,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = string.IsNullOrEmpty(request.DisplayName) ? request.ClientId : request.DisplayName.Trim(),
        };
        Apply(descriptor, request.Grants, redirectUris, postLogoutUris);
        try
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        catch (Exception ex) when (IsDuplicate(ex) || ex is OpenIddictExceptions.ValidationException)
        {
            // Another admin created the same id between the check above and this write.
            if (await ExistsAsync(request.ClientId, cancellationToken)) return await RefuseAsync(context, AuditEventTypes.AdminClientCreated, request.ClientId, "client_id_taken", ClientConflicts.IdTaken);
            throw;
        }

        await audit.RecordAsync(context, AuditEventTypes.AdminClientCreated, AuditOutcomes.Success, request.ClientId,
            $"type: {request.Type}; grants: {string.Join(",", request.Grants)}");
        LogChanged(logger, request.ClientId, "created");
        return ClientOutcome.Done(Describe(descriptor) with { ClientSecret = secret });
    }

    public async Task<ClientOutcome> UpdateAsync(string clientId, UpdateClientRequest request, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return ClientOutcome.Missing;
        var descriptor = await ReadAsync(application, cancellationToken);
        var current = Describe(descriptor);

        var grants = request.Grants ?? current.Grants;
        var redirectUris = request.RedirectUris ?? current.RedirectUris;
        var postLogoutUris = request.PostLogoutRedirectUris ?? current.PostLogoutRedirectUris;
        var errors = ClientRules.Check(request.DisplayName, grants, redirectUris, postLogoutUris);
        if (errors.Count > 0) return ClientOutcome.Invalid(errors);

        var displayName = request.DisplayName switch { null => current.DisplayName, { Length: 0 } => clientId, var name => name.Trim() };
        var changed = new List<string>();
        if (displayName != current.DisplayName) changed.Add("displayName");
        if (!grants.Order(StringComparer.Ordinal).SequenceEqual(current.Grants.Order(StringComparer.Ordinal))) changed.Add("grants");
        if (!redirectUris.SequenceEqual(current.RedirectUris)) changed.Add("redirectUris");
        if (!postLogoutUris.SequenceEqual(current.PostLogoutRedirectUris)) changed.Add("postLogoutRedirectUris");

        descriptor.DisplayName = displayName;
        Apply(descriptor, grants, redirectUris, postLogoutUris);
        try
        {
            await applications.UpdateAsync(application, descriptor, cancellationToken);
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            return await RefuseAsync(context, AuditEventTypes.AdminClientUpdated, clientId, "concurrent_change", ClientConflicts.ChangedMeanwhile);
        }

        await audit.RecordAsync(context, AuditEventTypes.AdminClientUpdated, AuditOutcomes.Success, clientId,
            $"fields: {(changed.Count > 0 ? string.Join(",", changed) : "none")}");
        LogChanged(logger, clientId, "updated");
        return ClientOutcome.Done(Describe(descriptor));
    }

    /// <summary>
    /// Deletes the client and, in the same transaction (OpenIddict's store does this), its authorizations, codes,
    /// device codes and tokens: its refresh tokens stop working at once. id_tokens already issued are JWTs that
    /// relying parties check alone; they stay valid until they expire (decision 0092).
    /// </summary>
    public async Task<ClientOutcome> DeleteAsync(string clientId, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return ClientOutcome.Missing;
        var client = Describe(await ReadAsync(application, cancellationToken));
        if (client.BuiltIn) return await RefuseAsync(context, AuditEventTypes.AdminClientDeleted, clientId, "built_in", ClientConflicts.BuiltIn);

        try
        {
            await applications.DeleteAsync(application, cancellationToken);
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            return await RefuseAsync(context, AuditEventTypes.AdminClientDeleted, clientId, "concurrent_change", ClientConflicts.ChangedMeanwhile);
        }

        await audit.RecordAsync(context, AuditEventTypes.AdminClientDeleted, AuditOutcomes.Success, clientId, $"type: {client.Type}");
        LogChanged(logger, clientId, "deleted");
        return ClientOutcome.Done(client);
    }

    /// <summary>A new secret for a confidential client; the old one stops working at once.</summary>
    public async Task<ClientOutcome> ResetSecretAsync(string clientId, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return ClientOutcome.Missing;
        if (!await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken))
        {
            return await RefuseAsync(context, AuditEventTypes.AdminClientSecretReset, clientId, "public_client", ClientConflicts.NoSecret);
        }

        var secret = ClientSecrets.Generate();
        try
        {
            await applications.UpdateAsync(application, secret, cancellationToken);
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            return await RefuseAsync(context, AuditEventTypes.AdminClientSecretReset, clientId, "concurrent_change", ClientConflicts.ChangedMeanwhile);
        }

        await audit.RecordAsync(context, AuditEventTypes.AdminClientSecretReset, AuditOutcomes.Success, clientId);
        LogChanged(logger, clientId, "given a new secret");
        return ClientOutcome.Done(Describe(await ReadAsync(application, cancellationToken)) with { ClientSecret = secret });
    }

    /// <summary>Grants become OpenIddict permissions; every code flow requires PKCE even if the server-wide rule were relaxed.</summary>
    private static void Apply(OpenIddictApplicationDescriptor descriptor, IReadOnlyList<string> grants, IReadOnlyList<string> redirectUris, IReadOnlyList<string> postLogoutUris)
    {
        descriptor.Permissions.Clear();
        descriptor.Permissions.UnionWith(ClientGrants.Permissions(grants));
        descriptor.Requirements.Remove(Requirements.Features.ProofKeyForCodeExchange);
        if (grants.Contains(ClientGrants.AuthorizationCode, StringComparer.Ordinal)) descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        descriptor.RedirectUris.Clear();
        foreach (var uri in redirectUris) descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        descriptor.PostLogoutRedirectUris.Clear();
        foreach (var uri in postLogoutUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri, UriKind.Absolute));
    }

    private async Task<OpenIddictApplicationDescriptor> ReadAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        return descriptor;
    }

    /// <summary>What admins see of a client: never its (hashed) secret.</summary>
    private static ClientResponse Describe(OpenIddictApplicationDescriptor descriptor)
    {
        var clientId = descriptor.ClientId!;
        return new ClientResponse(
            clientId, descriptor.DisplayName ?? clientId, descriptor.ClientType ?? ClientTypes.Public,
            ClientGrants.FromPermissions(descriptor.Permissions),
            [.. descriptor.RedirectUris.Select(u => u.OriginalString)],
            [.. descriptor.PostLogoutRedirectUris.Select(u => u.OriginalString)],
            BuiltIn: clientId == OidcClientSeeder.KubectlClientId);
    }

    /// <summary>Asked of the table: OpenIddict's manager remembers a miss for the rest of the request.</summary>
    private Task<bool> ExistsAsync(string clientId, CancellationToken cancellationToken) =>
        db.Set<OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientId == clientId, cancellationToken);

    private static bool IsDuplicate(Exception ex) =>
        ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } };

    private async Task<ClientOutcome> RefuseAsync(HttpContext context, string type, string clientId, string reason, string conflict)
    {
        await audit.RecordAsync(context, type, AuditOutcomes.Failure, clientId, reason);
        return ClientOutcome.Refused(conflict);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin change: OpenID Connect client {ClientId} {Change}")]
    private static partial void LogChanged(ILogger logger, string clientId, string change);
}
