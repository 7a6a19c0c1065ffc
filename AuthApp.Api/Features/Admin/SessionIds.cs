using AuthApp.Api.Features.Tokens;

namespace AuthApp.Api.Features.Admin;

/// <summary>
/// The id admins see for a session: an HMAC (under the token-hash key) of the session's storage hash,
/// truncated to 128 bits. It cannot be turned back into the Redis key or the token, and it needs no
/// extra storage: revoking by id looks the id up among the user's own sessions.
/// </summary>
public sealed class SessionIds(TokenHasher hasher)
{
    public string For(string tokenHash) => hasher.Hash($"session-id:{tokenHash}")[..32];
}
