using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using global::Telegram.Bot;
using global::Telegram.Bot.Types;

namespace RepitBot.Modules.Bot.Updates;

/// <summary>
/// Where Telegram POSTs updates in webhook mode. A request without the right secret header is refused before its body
/// is read; an accepted update is queued and answered at once, so Telegram never waits for a handler.
/// </summary>
internal static class WebhookEndpoint
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static void Map(IEndpointRouteBuilder endpoints, BotSettings settings)
    {
        var expected = Encoding.UTF8.GetBytes(settings.WebhookSecret!);
        endpoints.MapPost(settings.WebhookUrl!.AbsolutePath, async (HttpContext http, UpdateQueue queue, IHostApplicationLifetime lifetime) =>
        {
            var given = Encoding.UTF8.GetBytes(http.Request.Headers[SecretHeader].ToString());
            if (!CryptographicOperations.FixedTimeEquals(given, expected))
            {
                return Results.Unauthorized();
            }

            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted);
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }

            if (update is null)
            {
                return Results.BadRequest();
            }

            queue.Enqueue(update, lifetime.ApplicationStopping);
            return Results.Ok();
        }).AllowAnonymous().ExcludeFromDescription().WithName("TelegramWebhook");
    }
}
