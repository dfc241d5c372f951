using RepitBot.Modules.Bot.Sessions;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>/logout, after a confirmation: ends the session at Auth, which also ends this account's Telegram login.</summary>
internal sealed class LogoutScreen(Conversation chat, PersonSessions sessions)
{
    public const string Confirm = "logout";
    public const string Keep = "stay";

    public async Task AskAsync(CancellationToken cancellationToken)
    {
        if (await chat.PersonAsync(cancellationToken) is null)
        {
            return;
        }

        await chat.SayAsync(BotTexts.LogoutQuestion, new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData(BotTexts.Yes, Confirm), InlineKeyboardButton.WithCallbackData(BotTexts.No, Keep)]]), cancellationToken);
    }

    public async Task ConfirmAsync(CancellationToken cancellationToken)
    {
        var result = await sessions.LogoutAsync(chat.TelegramId, cancellationToken);
        if (!result.IsSuccess)
        {
            await chat.TellAsync(BotTexts.Unavailable, cancellationToken);
            return;
        }

        await chat.EndDialogueAsync(cancellationToken);
        await chat.ShowAsync(BotTexts.LogoutDone, null, cancellationToken);
        await chat.SayAsync(BotTexts.AskForCode, new ReplyKeyboardRemove(), cancellationToken);
    }

    public Task KeepAsync(CancellationToken cancellationToken) => chat.ShowAsync(BotTexts.LogoutKept, null, cancellationToken);
}
