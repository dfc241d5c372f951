using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.BotApiServer;

/// <summary>The Bot API side of the local bot: the methods its token calls, long polling and webhook delivery.</summary>
public sealed partial class LocalBot
{
    internal async Task<object> CallAsync(string method, BotApiArguments arguments, CancellationToken cancellationToken)
    {
        switch (method.ToLowerInvariant())
        {
            case "getme":
                return User;
            case "getupdates":
                return await GetUpdatesAsync(arguments, cancellationToken);
            case "setwebhook":
                return SetWebhook(arguments.String("url"), arguments.String("secret_token"), arguments.Boolean("drop_pending_updates"));
            case "deletewebhook":
                return SetWebhook(null, null, arguments.Boolean("drop_pending_updates"));
            case "getwebhookinfo":
                lock (gate)
                {
                    return new WebhookInfo { Url = webhookUrl ?? string.Empty, PendingUpdateCount = pending.Count, HasCustomCertificate = false };
                }

            case "logout" or "close":
                return true;
        }

        lock (gate)
        {
            var chatId = arguments.Long("chat_id");
            try
            {
                ThrowIfFlooded(method);
                object result = method.ToLowerInvariant() switch
                {
                    "sendmessage" => SendMessage(arguments),
                    "editmessagetext" => EditMessageText(arguments),
                    "editmessagereplymarkup" => EditMessageReplyMarkup(arguments),
                    "answercallbackquery" => AnswerCallbackQuery(arguments),
                    "deletemessage" => DeleteMessage(arguments),
                    "sendchataction" => true,
                    "setmycommands" or "deletemycommands" => true,
                    _ => throw new BotApiError(404, "Not Found"),
                };
                Record(method, chatId, arguments.String("text"), 200);
                Changed();
                return result;
            }
            catch (BotApiError error)
            {
                // A refused call is recorded too, and wakes whoever waits for it.
                Record(method, chatId, arguments.String("text"), error.Code);
                Changed();
                throw;
            }
        }
    }

    private async Task<Update[]> GetUpdatesAsync(BotApiArguments arguments, CancellationToken cancellationToken)
    {
        var offset = arguments.Long("offset");
        var limit = (int)Math.Clamp(arguments.Long("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(arguments.Long("timeout") ?? 0, 0, 50));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (webhookUrl is not null)
                {
                    throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                }

                if (offset is { } confirmed)
                {
                    // As in Telegram: an offset confirms every update before it, and they are gone.
                    pending.RemoveAll(update => update.Id < confirmed);
                }

                if (pending.Count > 0 || timeout == TimeSpan.Zero)
                {
                    return [.. pending.Take(limit)];
                }

                signal = changed.Task;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return [];
            }
        }
    }

    private bool SetWebhook(string? url, string? secret, bool dropPending)
    {
        CancellationTokenSource? old;
        lock (gate)
        {
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https")))
            {
                throw BotApiError.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
            }

            old = webhookDelivery;
            webhookUrl = string.IsNullOrEmpty(url) ? null : url;
            webhookSecret = secret;
            webhookDelivery = webhookUrl is null ? null : new CancellationTokenSource();
            if (dropPending)
            {
                pending.Clear();
            }

            if (webhookDelivery is not null)
            {
                _ = DeliverAsync(webhookUrl!, secret, webhookDelivery.Token);
            }

            Changed();
        }

        old?.Cancel();
        return true;
    }

    /// <summary>Webhook mode: each update is POSTed in order until the bot's endpoint takes it (2xx), as Telegram does.</summary>
    private async Task DeliverAsync(string url, string? secret, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Update? next;
            Task signal;
            lock (gate)
            {
                next = pending.FirstOrDefault();
                signal = changed.Task;
            }

            if (next is null)
            {
                try
                {
                    await signal.WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            var delivered = false;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url)
                {
                    Content = new StringContent(JsonSerializer.Serialize(next, JsonBotAPI.Options), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
                };
                if (secret is not null)
                {
                    request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
                }

                using var response = await webhookClient.SendAsync(request, cancellationToken);
                delivered = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (delivered)
            {
                lock (gate)
                {
                    pending.Remove(next);
                    Changed();
                }
            }
            else
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void ThrowIfFlooded(string method)
    {
        if (failing is { } failure && string.Equals(failure.Method, method, StringComparison.OrdinalIgnoreCase))
        {
            failing = failure.Count > 1 ? failure with { Count = failure.Count - 1 } : null;
            throw new BotApiError(failure.Code, failure.Description);
        }

        if (tooManyRequestsLeft > 0 && method.ToLowerInvariant() is "sendmessage" or "editmessagetext" or "editmessagereplymarkup" or "deletemessage" or "answercallbackquery")
        {
            tooManyRequestsLeft--;
            throw new BotApiError(429, $"Too Many Requests: retry after {tooManyRequestsRetryAfter}", tooManyRequestsRetryAfter);
        }
    }
}
