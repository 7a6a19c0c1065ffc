using Microsoft.FluentUI.AspNetCore.Components;

namespace AuthApp.Web.Components.Shared;

/// <summary>The one confirmation dialog every destructive admin action asks first.</summary>
internal static class Confirmations
{
    /// <summary>True when the admin chose <paramref name="action"/>, false on Cancel.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string message, string action)
    {
        var dialog = await dialogs.ShowConfirmationAsync(message, action, "Cancel", "Please confirm");
        return !(await dialog.Result).Cancelled;
    }
}
