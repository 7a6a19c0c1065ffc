using System.Buffers;
using System.IO.Pipelines;
using System.Text;
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
    /// The framework's form reader refuses a NUL itself, without saying in which field. A URL-encoded body (at most
    /// 64 KiB, see <see cref="RequestLimits"/>) is first looked at in place, unread, so that field can be named; the
    /// framework then reads it straight from the connection. Buffering it in a stream instead cost every form request.
    /// </summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request)
    {
        var aborted = request.HttpContext.RequestAborted;
        try
        {
            if (IsUrlEncoded(request)) await RefuseNulAsync(request.BodyReader, aborted);
            else request.EnableBuffering(); // multipart: rare, and only its NUL check needs the stream
            return await request.ReadFormAsync(aborted);
        }
        catch (IOException broken) when (!aborted.IsCancellationRequested)
        {
            // A multipart content type over a body that is not multipart: the client's mistake, not ours.
            throw new BadHttpRequestException("The form body is malformed.", StatusCodes.Status400BadRequest, broken);
        }
        catch (InvalidDataException) when (!IsUrlEncoded(request))
        {
            request.Body.Position = 0;
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            RefuseNul(await reader.ReadToEndAsync(aborted));
            throw;
        }
    }

    private static bool IsUrlEncoded(HttpRequest request) =>
        request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Reads the whole body without consuming it, and refuses it when a field holds <c>%00</c>: the framework's reader
    /// throws on that one. A raw NUL byte passes it, and the field check after it names the field.
    /// </summary>
    private static async Task RefuseNulAsync(PipeReader body, CancellationToken aborted)
    {
        var result = await body.ReadAsync(aborted);
        while (!result.IsCompleted && !result.IsCanceled)
        {
            body.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            result = await body.ReadAsync(aborted);
        }

        try
        {
            var bytes = result.Buffer;
            if (ContainsEncodedNul(bytes)) RefuseNul(Encoding.UTF8.GetString(bytes));
        }
        finally
        {
            body.AdvanceTo(result.Buffer.Start);
        }
    }

    private static bool ContainsEncodedNul(ReadOnlySequence<byte> bytes)
    {
        var reader = new SequenceReader<byte>(bytes);
        while (reader.TryAdvanceTo((byte)'%'))
        {
            if (reader.IsNext("00"u8)) return true;
        }

        return false;
    }

    /// <summary>Throws naming the first field of the URL-encoded <paramref name="body"/> that holds a NUL.</summary>
    private static void RefuseNul(string body)
    {
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
