namespace AuthApp.Hosting.ApplicationModel;

/// <summary>An extra URL shown for a resource (dashboard, console summary), like Aspire's <c>WithUrl</c>.</summary>
/// <param name="Url">An absolute URL, or a path relative to the resource's first http endpoint (e.g. <c>/scalar/v1</c>).</param>
/// <param name="DisplayText">What to call it; the URL itself when <c>null</c>.</param>
public sealed record ResourceUrlAnnotation(string Url, string? DisplayText = null) : IResourceAnnotation;
