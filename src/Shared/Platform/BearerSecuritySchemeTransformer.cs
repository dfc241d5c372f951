using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Shared.Platform;

/// <summary>Describes the two credentials in the OpenAPI document, so /docs offers "Authorize" for both.</summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token issued at login.",
        };
        document.Components.SecuritySchemes["service_key"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ServiceKeys.HeaderName,
            Description = "A service identity's key, for calls between modules; each endpoint names the identities it accepts. Endpoints that create or change accounts, reissue codes, toggle flags or read the audit log are for people only.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
