using System.Text.Json.Serialization;

namespace AuthApp.Api.Features.Clients;

/// <summary>
/// An OpenID Connect client as admins see it. <see cref="ClientSecret"/> is present only in the answer that made it
/// (creating a confidential client, or resetting its secret): it is stored hashed and never shown again.
/// </summary>
public sealed record ClientResponse(
    string ClientId, string DisplayName, string Type, IReadOnlyList<string> Grants,
    IReadOnlyList<string> RedirectUris, IReadOnlyList<string> PostLogoutRedirectUris, bool BuiltIn)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientSecret { get; init; }
}

/// <summary>Body of <c>POST /admin/clients</c>; <see cref="DisplayName"/> defaults to the client id.</summary>
public sealed record CreateClientRequest(
    string ClientId, string Type, IReadOnlyList<string> Grants, string? DisplayName = null,
    IReadOnlyList<string>? RedirectUris = null, IReadOnlyList<string>? PostLogoutRedirectUris = null);

/// <summary>
/// Body of <c>PATCH /admin/clients/{clientId}</c>: absent (or null) fields stay as they are; lists replace the stored
/// list. The id and the type never change (delete and create instead).
/// </summary>
public sealed record UpdateClientRequest(
    string? DisplayName = null, IReadOnlyList<string>? RedirectUris = null,
    IReadOnlyList<string>? PostLogoutRedirectUris = null, IReadOnlyList<string>? Grants = null);

/// <summary>Answer of <c>POST /admin/clients/{clientId}/secret</c>: the new secret, shown this once.</summary>
public sealed record ClientSecretResponse(string ClientId, string ClientSecret);
