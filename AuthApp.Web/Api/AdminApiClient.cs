using System.Net.Http.Headers;
using AuthApp.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;

namespace AuthApp.Web.Api;

/// <summary>
/// The API's <c>/admin</c> endpoints, called with the signed-in admin's token. The token comes from the
/// circuit's authentication state (server-side), never from the browser.
/// </summary>
public sealed class AdminApiClient(HttpClient http, AuthenticationStateProvider authentication)
{
    public async Task<UserPage> ListUsersAsync(string? search, string sort, bool descending, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = $"/admin/users?sort={sort}&order={(descending ? "desc" : "asc")}&page={page}&pageSize={pageSize}";
        if (!string.IsNullOrWhiteSpace(search)) query += $"&search={Uri.EscapeDataString(search.Trim())}";
        return await SendAsync<UserPage>(HttpMethod.Get, query, null, cancellationToken);
    }

    public Task<AdminUser> GetUserAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<AdminUser>(HttpMethod.Get, $"/admin/users/{id}", null, cancellationToken);

    public Task<AdminUser> CreateUserAsync(NewUser user, CancellationToken cancellationToken) =>
        SendAsync<AdminUser>(HttpMethod.Post, "/admin/users", user, cancellationToken);

    public Task<AdminUser> UpdateUserAsync(Guid id, UserEdit edit, CancellationToken cancellationToken) =>
        SendAsync<AdminUser>(HttpMethod.Patch, $"/admin/users/{id}", edit, cancellationToken);

    public Task<AdminUser> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken) =>
        SendAsync<AdminUser>(HttpMethod.Post, $"/admin/users/{id}/{(active ? "enable" : "disable")}", null, cancellationToken);

    public Task DeleteUserAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/admin/users/{id}", null, cancellationToken);

    public Task SetPasswordAsync(Guid id, string password, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/admin/users/{id}/password", new { password }, cancellationToken);

    public Task<List<AdminSession>> ListSessionsAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync<List<AdminSession>>(HttpMethod.Get, $"/admin/users/{id}/sessions", null, cancellationToken);

    public Task RevokeSessionAsync(Guid id, string sessionId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/admin/users/{id}/sessions/{Uri.EscapeDataString(sessionId)}", null, cancellationToken);

    public Task RevokeAllSessionsAsync(Guid id, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/admin/users/{id}/sessions", null, cancellationToken);

    public Task<AuditPage> ListAuditAsync(AuditFilter filter, int page, int pageSize, CancellationToken cancellationToken) =>
        SendAsync<AuditPage>(HttpMethod.Get, $"/admin/audit?page={page}&pageSize={pageSize}&{filter.ToQuery()}", null, cancellationToken);

    public Task<List<OidcClient>> ListClientsAsync(CancellationToken cancellationToken) =>
        SendAsync<List<OidcClient>>(HttpMethod.Get, "/admin/clients", null, cancellationToken);

    public Task<OidcClient> CreateClientAsync(NewClient client, CancellationToken cancellationToken) =>
        SendAsync<OidcClient>(HttpMethod.Post, "/admin/clients", client, cancellationToken);

    public Task<OidcClient> UpdateClientAsync(string clientId, ClientEdit edit, CancellationToken cancellationToken) =>
        SendAsync<OidcClient>(HttpMethod.Patch, $"/admin/clients/{Uri.EscapeDataString(clientId)}", edit, cancellationToken);

    public Task DeleteClientAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, $"/admin/clients/{Uri.EscapeDataString(clientId)}", null, cancellationToken);

    public Task<ClientSecretAnswer> ResetClientSecretAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync<ClientSecretAnswer>(HttpMethod.Post, $"/admin/clients/{Uri.EscapeDataString(clientId)}/secret", null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(cancellationToken)
            ?? throw new ApiException("The API answered with an empty body.", (int)response.StatusCode);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, body, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendCoreAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var token = state.User.FindFirst(TokenClaims.AccessToken)?.Value ?? throw new ApiSessionEndedException();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await http.SendAsync(request, cancellationToken);
        try
        {
            await ApiErrors.EnsureSuccessAsync(response, cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
