using System.Net.Http.Headers;

namespace AuthApp.Tests.Reliability;

/// <summary>The credentials and users a sweep run needs: a signed-in user, an admin, an ordinary user to aim admin calls at.</summary>
public sealed record SweepCallers(string UserToken, string AdminToken, Guid Victim, string ClientAuthorization)
{
    /// <summary>Values no answer may ever contain (S17).</summary>
    public IEnumerable<string> Secrets => [UserToken, AdminToken, Infrastructure.TestServices.IntrospectionClientSecret];
}

/// <summary>One malformed request: what is sent, and in words what is wrong with it (printed when it fails).</summary>
public sealed record SweepCase(
    string Method, string Path, string? Authorization, string? ContentType, byte[]? Body, string Defect, IReadOnlyList<string> Secrets)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }

        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : System.Text.Encoding.UTF8.GetString(Body);
        if (body.Length > 300) body = $"{body[..300]}… ({Body!.Length} bytes)";
        var path = Path.Length > 200 ? $"{Path[..200]}…" : Path;
        return $"{Defect}: {Method} {path} [{ContentType}] {body}";
    }
}
