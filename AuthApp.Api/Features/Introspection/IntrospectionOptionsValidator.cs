using Microsoft.Extensions.Options;

namespace AuthApp.Api.Features.Introspection;

/// <summary>Refuses guessable client secrets; names the client, never the secret.</summary>
internal sealed class IntrospectionOptionsValidator : IValidateOptions<IntrospectionOptions>
{
    public const int MinimumSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, IntrospectionOptions options)
    {
        var failures = options.IntrospectionClients
            .Where(client => client.Key.Contains(':', StringComparison.Ordinal) || (client.Value?.Length ?? 0) < MinimumSecretLength)
            .Select(client => $"Auth:IntrospectionClients:{client.Key} is invalid: the client id must not contain ':' and the secret needs at least {MinimumSecretLength} characters.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
