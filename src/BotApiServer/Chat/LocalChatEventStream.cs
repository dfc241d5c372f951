using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace RepitBot.BotApiServer;

/// <summary>
/// One chat's live view as Server-Sent Events: on connect a <c>reset</c> and every shown message, then only what
/// changes (a new or edited message, a deleted one, the reply keyboard, a callback answer as a toast). It wakes on the
/// bot's change signal, never on a timer; a comment line every few seconds keeps proxies from closing an idle stream.
/// It ends when the page goes, when the host stops (an open tab must not hold a shutdown), or at the time a guard put in
/// <see cref="LocalChatEndpoints.StreamEndsAtItem"/>.
/// </summary>
internal static class LocalChatEventStream
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task RunAsync(LocalBot bot, string id, HttpContext context)
    {
        if (!LocalChatRequest.TryParseId(id, out var chatId))
        {
            await LocalChatRequest.Invalid($"The person's id must be a whole number from 1 to {LocalChatRequest.MaxId}.").ExecuteAsync(context);
            return;
        }

        var response = context.Response;
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        if (context.Items[LocalChatEndpoints.StreamEndsAtItem] is DateTimeOffset endsAt)
        {
            ending.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (endsAt - DateTimeOffset.UtcNow).Ticks)));
        }

        var cancellationToken = ending.Token;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";

        var shown = new Dictionary<int, (int Edits, bool Deleted)>();
        var answersSeen = bot.CallbackAnswers.Count(answer => answer.ChatId == chatId);
        string? keyboardShown = null;
        var events = new StringBuilder();
        events.Append("retry: 1000\nevent: reset\ndata: {}\n\n");
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var version = bot.Version;
                foreach (var message in bot.Messages(chatId))
                {
                    var state = (message.EditCount, message.IsDeleted);
                    if (shown.TryGetValue(message.MessageId, out var before) ? before == state : message.IsDeleted)
                    {
                        continue;
                    }

                    shown[message.MessageId] = state;
                    Append(events, message.IsDeleted ? "deleted" : "message", message.IsDeleted ? new { message.MessageId } : ToView(message));
                }

                var keyboard = JsonSerializer.Serialize(bot.ReplyKeyboard(chatId)?.Select(row => row.Select(button => button.Text)), LocalChatJson.Options);
                if (keyboard != keyboardShown)
                {
                    keyboardShown = keyboard;
                    events.Append("event: keyboard\ndata: {\"keyboard\":").Append(keyboard).Append("}\n\n");
                }

                var answers = bot.CallbackAnswers.Where(answer => answer.ChatId == chatId).ToList();
                foreach (var answer in answers.Skip(answersSeen).Where(answer => !string.IsNullOrEmpty(answer.Text)))
                {
                    Append(events, "toast", new { answer.Text, answer.ShowAlert });
                }

                answersSeen = answers.Count;
                if (events.Length > 0)
                {
                    await response.WriteAsync(events.ToString(), cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    events.Clear();
                }

                if (!await bot.WaitForChangeAsync(version, Heartbeat, cancellationToken))
                {
                    events.Append(": ping\n\n");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page was closed or reloaded, the host is stopping, or the stream's time is up: the page reconnects.
        }
    }

    private static object ToView(LocalChatMessage message) => new
    {
        message.MessageId,
        message.FromBot,
        message.Text,
        message.SentText,
        message.ParseMode,
        message.InlineKeyboard,
        message.EditCount,
        message.Date,
    };

    private static void Append(StringBuilder events, string name, object data) =>
        events.Append("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(data, LocalChatJson.Options)).Append("\n\n");
}
