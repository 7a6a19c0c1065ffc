using Microsoft.AspNetCore.Components;

namespace AuthApp.Web.Api;

/// <summary>How admin pages call the API: an ended session goes back to sign-in, any other failure comes back in words.</summary>
internal static class ApiCalls
{
    public const string Unreachable = "The AuthApp API cannot be reached right now. Try again shortly.";

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
        catch (ApiException ex)
        {
            return ex.Message;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.ExecutionRejectedException)
        {
            // The API is down or unreachable (retries spent, or the circuit breaker open): say so, without its address.
            return Unreachable;
        }
    }
}
