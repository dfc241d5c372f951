using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Telegram.Bot;

namespace RepitBot.BotApiServer;

/// <summary>
/// Serves the Bot API's wire format, <c>{prefix}/bot{token}/{method}</c>, with Telegram's envelope: <c>{"ok":true,
/// "result":...}</c>, or <c>{"ok":false,"error_code":...,"description":...,"parameters":{"retry_after":...}}</c>.
/// </summary>
public static class LocalBotApiEndpoints
{
    public static IEndpointConventionBuilder MapLocalBotApi(this IEndpointRouteBuilder endpoints, LocalBotApi api, string prefix = "")
    {
        // One whole segment, not "bot{token}": a route's complex segment would match the literal "bot" inside a token.
        return endpoints.Map(prefix.TrimEnd('/') + "/{botToken}/{method}", (HttpContext context, string botToken, string method) =>
            botToken.StartsWith("bot", StringComparison.Ordinal)
                ? HandleAsync(context, api, botToken[3..], method)
                : WriteAsync(context, new BotApiError(404, "Not Found")));
    }

    private static async Task HandleAsync(HttpContext context, LocalBotApi api, string token, string method)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsPost(context.Request.Method))
        {
            await WriteAsync(context, new BotApiError(405, "Method Not Allowed"));
            return;
        }

        if (!api.Accepts(token))
        {
            await WriteAsync(context, new BotApiError(401, "Unauthorized"));
            return;
        }

        try
        {
            var arguments = await BotApiArguments.ReadAsync(context.Request, context.RequestAborted);
            var result = await api.Bot(token).CallAsync(method, arguments, context.RequestAborted);
            var body = new JsonObject { ["ok"] = true, ["result"] = ToNode(result) };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
        }
        catch (BotApiError error)
        {
            await WriteAsync(context, error);
        }
        catch (JsonException)
        {
            await WriteAsync(context, BotApiError.BadRequest("can't parse JSON"));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The bot went away in the middle of a long poll: nobody to answer.
        }

    }

    /// <summary>Telegram's own types through Telegram.Bot's serializer options (which know only those); plain values as they are.</summary>
    private static JsonNode? ToNode(object result) => result switch
    {
        bool value => JsonValue.Create(value),
        Array items => new JsonArray([.. items.Cast<object>().Select(ToNode)]),
        _ => JsonSerializer.SerializeToNode(result, result.GetType(), JsonBotAPI.Options),
    };

    private static async Task WriteAsync(HttpContext context, BotApiError error)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = error.Code, ["description"] = error.Description };
        if (error.RetryAfter is { } retryAfter)
        {
            body["parameters"] = new JsonObject { ["retry_after"] = retryAfter };
        }

        context.Response.StatusCode = error.Code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
