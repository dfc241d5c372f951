using Microsoft.Extensions.Logging;
using RepitBot.Modules.Bot.Monitoring;
using global::Telegram.Bot;
using global::Telegram.Bot.Exceptions;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Telegram;

/// <summary>
/// Everything the bot says goes through here: in HTML, within Telegram's rate limits, and a 429 is waited out for its
/// retry_after and tried again, so nothing is lost under flood control.
/// </summary>
internal sealed partial class BotSender(ITelegramBotClient bot, OutgoingRateLimits limits, BotMetrics metrics, ILogger<BotSender> logger)
{
    private const int Attempts = 5;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(60);

    public Task<Message> SendAsync(long chatId, string html, ReplyMarkup? markup, CancellationToken cancellationToken) =>
        RunAsync("sendMessage", chatId, limited: true, () => bot.SendMessage(chatId, html, ParseMode.Html, replyMarkup: markup, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>Replaces a message's text and buttons; an unchanged message is not an error.</summary>
    public async Task EditAsync(long chatId, int messageId, string html, InlineKeyboardMarkup? markup, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("editMessageText", chatId, limited: true, () => bot.EditMessageText(chatId, messageId, html, ParseMode.Html, replyMarkup: markup, cancellationToken: cancellationToken), cancellationToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("not modified", StringComparison.OrdinalIgnoreCase))
        {
        }
    }

    /// <summary>Deletes a message; one already gone or too old to delete is left as it is.</summary>
    public async Task DeleteAsync(long chatId, int messageId, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("deleteMessage", chatId, limited: false, () => bot.DeleteMessage(chatId, messageId, cancellationToken), cancellationToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
        }
    }

    /// <summary>Stops the button's spinner, with a short toast when <paramref name="text"/> is given.</summary>
    public async Task AnswerAsync(string callbackQueryId, string? text, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync("answerCallbackQuery", null, limited: false, () => bot.AnswerCallbackQuery(callbackQueryId, text, cancellationToken: cancellationToken), cancellationToken);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            // Too old to answer: the person pressed long ago; the next screen is sent anyway.
        }
    }

    private async Task RunAsync(string method, long? chatId, bool limited, Func<Task> call, CancellationToken cancellationToken) =>
        await RunAsync(method, chatId, limited, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    private async Task<T> RunAsync<T>(string method, long? chatId, bool limited, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        if (limited && chatId is { } chat)
        {
            await limits.WaitAsync(chat, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await call();
                if (limited)
                {
                    metrics.MessagesSent.WithLabels(method).Inc();
                }

                return result;
            }
            catch (ApiRequestException e)
            {
                metrics.ApiErrors.WithLabels(e.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
                if (e.ErrorCode != 429 || attempt == Attempts)
                {
                    LogRefused(logger, method, e.ErrorCode, e.Message);
                    throw;
                }

                var wait = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                LogFloodWait(logger, method, wait.TotalSeconds);
                await Task.Delay(wait < LongestWait ? wait : LongestWait, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram asked to slow down on {Method}: waiting {Seconds} s before trying again")]
    private static partial void LogFloodWait(ILogger logger, string method, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram refused {Method} with {Code}: {Description}")]
    private static partial void LogRefused(ILogger logger, string method, int code, string description);
}
