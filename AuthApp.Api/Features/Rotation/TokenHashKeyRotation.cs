using System.Security.Cryptography;
using AuthApp.Api.Features.Tokens;
using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Rotation;

/// <summary>
/// A new token-hash key that new tokens use (decision 0093): added to the ring first, made current once every process
/// holds it, so no process sees a token naming a key it lacks. Older keys stay until no live token needs them.
/// </summary>
public sealed class TokenHashKeyRotation(SecretFolder folder, IOptions<RotationOptions> options)
{
    /// <summary>Returns the new key's id (not a secret: every new token carries it).</summary>
    public async Task<string> RotateAsync(CancellationToken cancellationToken)
    {
        string id;
        do
        {
            id = "k" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", TokenFormat.MaxKeyIdLength - 1);
        }
        while (folder.Holds($"Auth:TokenHashKeys:{id}"));

        await folder.WriteAsync($"Auth:TokenHashKeys:{id}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        await Task.Delay(options.Value.SwitchDelay, cancellationToken);
        await folder.WriteAsync("Auth:CurrentTokenHashKey", id, cancellationToken);
        return id;
    }
}
