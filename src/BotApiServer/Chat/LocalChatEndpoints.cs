using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace RepitBot.BotApiServer;

/// <summary>
/// The local chat: a web page where a person picks a Telegram identity and talks to a <see cref="LocalBot"/> as in
/// Telegram, and the person-side JSON API behind it (identities, messages, button presses, one Server-Sent Events
/// stream per chat). The page and its assets are embedded in this assembly: no CDN, no build step.
/// </summary>
public static class LocalChatEndpoints
{
    /// <summary>
    /// The key of <see cref="HttpContext.Items"/> where a guard may put a <see cref="DateTimeOffset"/>: a chat's event
    /// stream ends then (say, when the credential that opened it expires), and the page reconnects through the guard.
    /// </summary>
    public const string StreamEndsAtItem = "RepitBot.LocalChat.StreamEndsAt";

    private static readonly Assembly Assets = typeof(LocalChatEndpoints).Assembly;

    /// <summary>
    /// Maps the page at <paramref name="path"/>, its assets under <c>{path}/assets</c> and the API under
    /// <c>{path}/api</c>. Returns the API's group: anyone who can call it can act as any person, so the caller guards it.
    /// </summary>
    public static RouteGroupBuilder MapLocalChat(this IEndpointRouteBuilder endpoints, LocalBot bot, string path = "/chat")
    {
        path = "/" + path.Trim('/');
        var page = endpoints.MapGroup(path).ExcludeFromDescription();
        page.MapGet("/", (HttpContext context) => ServePageAsync(context, path));
        page.MapGet("/assets/{name}", (HttpContext context, string name) => ServeAssetAsync(context, name));

        var api = endpoints.MapGroup(path + "/api").ExcludeFromDescription();
        api.MapGet("/bot", () => TypedResults.Json(new { bot.User.Id, bot.User.FirstName, bot.User.Username }, LocalChatJson.Options));
        api.MapGet("/people", () => TypedResults.Json(bot.People.Select(p => new { p.Id, p.FirstName }), LocalChatJson.Options));
        api.MapPost("/people/{id}/messages", (string id, HttpRequest request) => SendTextAsync(bot, id, request));
        api.MapPost("/people/{id}/presses", (string id, HttpRequest request) => PressAsync(bot, id, request));
        api.MapGet("/people/{id}/events", (string id, HttpContext context) => LocalChatEventStream.RunAsync(bot, id, context));
        return api;
    }

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> SendTextAsync(LocalBot bot, string id, HttpRequest request)
    {
        var (person, body, problem) = await LocalChatRequest.ReadAsync(id, request);
        if (problem is not null)
        {
            return problem;
        }

        var text = LocalChatRequest.String(body, "text");
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4096)
        {
            return LocalChatRequest.Invalid("'text' is required: 1 to 4096 characters.");
        }

        var sent = bot.SendText(person!, text);
        return TypedResults.Json<object>(new { sent.MessageId }, LocalChatJson.Options);
    }

    private static async Task<Results<JsonHttpResult<object>, ProblemHttpResult>> PressAsync(LocalBot bot, string id, HttpRequest request)
    {
        var (person, body, problem) = await LocalChatRequest.ReadAsync(id, request);
        if (problem is not null)
        {
            return problem;
        }

        var messageId = body.TryGetProperty("message_id", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;
        var data = LocalChatRequest.String(body, "callback_data");
        if (messageId <= 0 || string.IsNullOrEmpty(data))
        {
            return LocalChatRequest.Invalid("'message_id' (a positive number) and 'callback_data' are required.");
        }

        // Unlike the tests' PressButton, the page presses only what the person can see: a button under a shown message.
        var message = bot.Messages(person!.Id).FirstOrDefault(m => m.MessageId == messageId && m.FromBot && !m.IsDeleted);
        if (message is null || !message.InlineKeyboard.SelectMany(row => row).Any(b => b.CallbackData == data))
        {
            return TypedResults.Problem(title: "No such button.", detail: $"Message {messageId} of this chat has no button with this callback data.", statusCode: StatusCodes.Status404NotFound);
        }

        var queryId = bot.PressButton(person, messageId, data);
        return TypedResults.Json<object>(new { CallbackQueryId = queryId }, LocalChatJson.Options);
    }

    private static async Task ServePageAsync(HttpContext context, string path)
    {
        var html = await ReadAssetAsync("chat.html");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        SetSecurityHeaders(context.Response);
        await context.Response.WriteAsync(html!.Replace("{{base}}", path, StringComparison.Ordinal), context.RequestAborted);
    }

    private static async Task ServeAssetAsync(HttpContext context, string name)
    {
        var contentType = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => null,
        };
        var text = contentType is null || name == "chat.html" ? null : await ReadAssetAsync(name);
        if (text is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache";
        SetSecurityHeaders(context.Response);
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>
    /// The page builds every message from text nodes and allowed tags; the policy forbids any script but its own, so
    /// even a mistake there could not run what a bot or a person wrote.
    /// </summary>
    private static void SetSecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static async Task<string?> ReadAssetAsync(string name)
    {
        await using var stream = Assets.GetManifestResourceStream("chat/" + name);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
