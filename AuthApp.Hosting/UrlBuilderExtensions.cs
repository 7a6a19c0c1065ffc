using AuthApp.Hosting.ApplicationModel;

namespace AuthApp.Hosting;

/// <summary><c>WithUrl</c>, as in Aspire 9.2+: links shown next to a resource.</summary>
public static class UrlBuilderExtensions
{
    /// <summary>Adds a URL to show for the resource; a relative path is resolved against its http endpoint.</summary>
    public static IResourceBuilder<T> WithUrl<T>(this IResourceBuilder<T> builder, string url, string? displayText = null)
        where T : IResource =>
        builder.WithAnnotation(new ResourceUrlAnnotation(url, displayText));
}
