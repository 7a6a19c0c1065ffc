using Microsoft.OpenApi;

namespace AuthApp.Api.Infrastructure;

/// <summary>
/// Documents a form body without <c>Accepts()</c>: that would let routing answer a wrong content type
/// with its own 415 before the handler can give the OAuth error or the client-authentication 401.
/// </summary>
public static class OpenApiForms
{
    public static RouteHandlerBuilder WithFormBody(this RouteHandlerBuilder builder, string[] required, params string[] optional) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            var properties = required.Concat(optional).ToDictionary(
                name => name, IOpenApiSchema (_) => new OpenApiSchema { Type = JsonSchemaType.String });
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = required.Length > 0,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/x-www-form-urlencoded"] = new()
                    {
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = required.ToHashSet() },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
