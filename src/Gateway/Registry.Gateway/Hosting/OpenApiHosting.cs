using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Registry.Gateway.Http;

namespace Registry.Gateway.Hosting;

/// <summary>The OpenAPI document (/openapi/v1.json): the OAuth endpoints and the admin API, with their request bodies.</summary>
internal static class OpenApiHosting
{
    public static IServiceCollection AddRegistryOpenApi(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Registry";
            document.Info.Description =
                "OAuth 2.0 dynamic client registration (RFC 7591/7592), the token endpoint (RFC 6749) and the admin API " +
                "(/admin; operator tokens of scope registry:admin from POST /admin/token).";
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DescribeBodyAsync);
    });

    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().FirstOrDefault() is not { } body)
        {
            return;
        }

        var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [body.ContentType] = new() { Schema = schema } },
        };
    }
}
