namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Details for problems the framework raises with a status code only (unknown route, wrong method,
/// a body Kestrel cut off), so every problem body names the problem.
/// </summary>
internal static class ProblemDefaults
{
    public static void FillDetail(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Detail ??= problem.Status switch
        {
            StatusCodes.Status404NotFound => "No endpoint exists at this path.",
            StatusCodes.Status405MethodNotAllowed => "This endpoint does not accept this HTTP method.",
            StatusCodes.Status413PayloadTooLarge => $"The request body exceeds {RequestLimits.MaxBodyBytes / 1024} KiB.",
            StatusCodes.Status415UnsupportedMediaType => "The body's content type is not accepted here.",
            // A validation problem's body was read; its errors say what is wrong.
            StatusCodes.Status400BadRequest when problem is HttpValidationProblemDetails => "Some values are not valid: see errors.",
            StatusCodes.Status400BadRequest => "The request could not be read.",
            _ => null,
        };
    }
}
