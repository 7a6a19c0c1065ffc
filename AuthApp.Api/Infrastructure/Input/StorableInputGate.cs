using Microsoft.Extensions.Primitives;

namespace AuthApp.Api.Infrastructure.Input;

/// <summary>
/// The gate for query strings, route values and form bodies: each value passes <see cref="StorableText"/> and
/// each key comes at most once (RFC 6749 §3.1 says so for the token endpoints; a repeated filter is as ambiguous).
/// Runs after authorization, so callers without access learn nothing from it; the exception handler answers 400
/// naming the field (an OAuth error on the token endpoints).
/// </summary>
internal static class StorableInputGate
{
    public static IApplicationBuilder UseStorableInput(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var request = context.Request;
        var maxLength = request.Path.StartsWithSegments("/connect", StringComparison.Ordinal) ? StorableText.IssuerMaxLength : StorableText.MaxLength;
        Check(request.Query, maxLength);
        foreach (var (key, value) in request.RouteValues)
        {
            if (value is string text && StorableText.Problem(text) is { } problem) throw new RefusedFieldException(problem, key);
        }

        return request.HasFormContentType ? CheckFormAsync(context, next, maxLength) : next(context);
    });

    /// <summary>The form is read once here and cached, so the handler's ReadFormAsync costs nothing more.</summary>
    private static async Task CheckFormAsync(HttpContext context, RequestDelegate next, int maxLength)
    {
        Check(await ReadFormAsync(context.Request), maxLength);
        await next(context);
    }

    /// <summary>
    /// The framework's form reader refuses a NUL itself, without saying in which field; the body (at most
    /// 64 KiB, see <see cref="RequestLimits"/>) is kept so that field can be named.
    /// </summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request)
    {
        request.EnableBuffering();
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (IOException broken) when (!request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // A multipart content type over a body that is not multipart: the client's mistake, not ours.
            throw new BadHttpRequestException("The form body is malformed.", StatusCodes.Status400BadRequest, broken);
        }
        catch (InvalidDataException)
        {
            request.Body.Position = 0;
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            foreach (var pair in body.Split('&'))
            {
                var parts = pair.Split('=', 2);
                var key = Decode(parts[0]);
                var value = parts.Length == 2 ? Decode(parts[1]) : "";
                if (key.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
                {
                    throw new RefusedFieldException(StorableText.Problem("\0")!, NameOf(key));
                }
            }

            throw;
        }
    }

    /// <summary>A key that is itself unstorable is not echoed back.</summary>
    private static string NameOf(string key) => StorableText.Problem(key) is null ? key : "(a field name)";

    private static string Decode(string encoded) => Uri.UnescapeDataString(encoded.Replace('+', ' '));

    private static void Check(IEnumerable<KeyValuePair<string, StringValues>> fields, int maxLength)
    {
        foreach (var (key, values) in fields)
        {
            var name = NameOf(key);
            if (values.Count > 1) throw new RefusedFieldException("was sent more than once.", name);
            if (name != key) throw new RefusedFieldException(StorableText.Problem(key)!, name);
            if (StorableText.Problem(values.ToString(), maxLength) is { } problem) throw new RefusedFieldException(problem, name);
        }
    }
}
