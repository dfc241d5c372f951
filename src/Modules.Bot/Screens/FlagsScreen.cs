using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Platform.Flags;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>
/// An admin's deployment flags: each with its value and where it comes from; a toggle asks first, then applies on
/// every instance at once (the shared flag store) and says who changed what and when.
/// </summary>
internal sealed class FlagsScreen(Conversation chat, FeatureFlagAdministration flags)
{
    public const string Toggle = "flag";
    public const string ToggleConfirmed = "flagok";
    public const string Refresh = "flags";

    public async Task ShowAsync(CancellationToken cancellationToken)
    {
        var all = await chat.CallAsync(caller => flags.ListAsync(caller, cancellationToken), cancellationToken);
        if (!all.IsSuccess)
        {
            return;
        }

        var text = BotTexts.FlagsTitle + "\n" + string.Join('\n', all.Value.Select(flag => BotTexts.Flag(flag.Name, flag.Enabled, flag.Source)));
        var rows = all.Value.Select(flag => new[] { InlineKeyboardButton.WithCallbackData(BotTexts.FlagButton(flag.Name, flag.Enabled), CallbackData.OfWord(Toggle, flag.Name, flag.Enabled ? 0 : 1)) });
        await chat.ShowAsync(text, new InlineKeyboardMarkup(rows), cancellationToken);
    }

    public async Task HandleAsync(CallbackData data, CancellationToken cancellationToken)
    {
        switch (data.Action)
        {
            case Refresh:
                await ShowAsync(cancellationToken);
                break;
            case Toggle when data.Word is { } name:
                var enable = data.Id(0) == 1;
                await chat.ShowAsync(BotTexts.ConfirmFlag(name, enable), new InlineKeyboardMarkup([[
                    InlineKeyboardButton.WithCallbackData(BotTexts.Yes, CallbackData.OfWord(ToggleConfirmed, name, enable ? 1 : 0)),
                    InlineKeyboardButton.WithCallbackData(BotTexts.No, Refresh)]]), cancellationToken);
                break;
            case ToggleConfirmed when data.Word is { } name:
                var set = await chat.CallAsync(caller => flags.SetAsync(caller, name, data.Id(0) == 1, cancellationToken), cancellationToken);
                if (set.IsSuccess)
                {
                    await chat.ShowAsync(BotTexts.FlagChanged(set.Value.Name, set.Value.Enabled, set.Value.ChangedBy, set.Value.ChangedAt), new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData(BotTexts.Back, Refresh)]]), cancellationToken);
                }

                break;
            default:
                await chat.TellAsync(BotTexts.Expired, cancellationToken);
                break;
        }
    }
}
