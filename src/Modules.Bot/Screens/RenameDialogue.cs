using System.Globalization;
using RepitBot.Modules.Bot.State;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>Renaming someone from their card: the next text is the new name.</summary>
internal sealed class RenameDialogue(Conversation chat, IUsersModule users, UserCardScreen card)
{
    public const string Name = "rename";
    public const string NameStep = "name";
    public const string UserIdKey = "user";

    public async Task OnTextAsync(Dialogue dialogue, string text, CancellationToken cancellationToken)
    {
        if (PersonName.Read(text) is not { } name)
        {
            await chat.SayAsync(BotTexts.NameInvalid, cancellationToken);
            return;
        }

        var id = long.Parse(dialogue.Value(UserIdKey)!, CultureInfo.InvariantCulture);
        await chat.EndDialogueAsync(cancellationToken);
        var updated = await chat.ModuleCallAsync(caller => users.UpdateUserAsync(caller, id, new UpdateUserRequest(FullName: name), cancellationToken), cancellationToken);
        if (updated.IsSuccess)
        {
            await chat.SayAsync(BotTexts.Renamed(updated.Value.FullName), cancellationToken);
            await card.ShowAsync(id, cancellationToken);
        }
    }
}
