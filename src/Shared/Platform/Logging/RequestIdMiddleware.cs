using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RepitBot.Shared.Platform.Logging;

/// <summary>
/// Accepts or makes the request's id (<see cref="RequestId"/>), answers it back, and opens a log scope with it, so
/// every line logged for the request (the JSON console writes scopes) carries the id the gateway logged.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = RequestId.Accept(context.Request.Headers[RequestId.HeaderName].FirstOrDefault());
        RequestId.Current = id;
        context.TraceIdentifier = id;
        context.Response.Headers[RequestId.HeaderName] = id;
        using (logger.BeginScope(new RequestIdScope(id)))
        {
            await next(context);
        }
    }
}
