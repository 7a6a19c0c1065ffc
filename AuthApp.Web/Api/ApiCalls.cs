using Microsoft.AspNetCore.Components;

namespace AuthApp.Web.Api;

/// <summary>How admin pages call the API: an ended session goes back to sign-in, any other failure comes back in words.</summary>
internal static class ApiCalls
{
    /// <summary>Runs the call; null when it worked (or the session ended and the page is leaving), else the message to show.</summary>
    public static async Task<string?> TryApiAsync(this NavigationManager navigation, Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (ApiSessionEndedException)
        {
            navigation.NavigateTo("login?reason=expired", forceLoad: true);
            return null;
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException)
        {
            return ex.Message;
        }
    }
}
