using System.Globalization;
using RepitBot.Modules.Bot.State;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>A new parent for a student from the student's card: the name, then the parent's code, shown once.</summary>
internal sealed class AddParentDialogue(Conversation chat, IUsersModule users)
{
    public const string Name = "addparent";
    public const string NameStep = "name";
    public const string ChildIdKey = "child";

    public async Task OnTextAsync(Dialogue dialogue, string text, CancellationToken cancellationToken)
    {
        if (PersonName.Read(text) is not { } name)
        {
            await chat.SayAsync(BotTexts.NameInvalid, cancellationToken);
            return;
        }

        var childId = long.Parse(dialogue.Value(ChildIdKey)!, CultureInfo.InvariantCulture);
        await chat.EndDialogueAsync(cancellationToken);
        var child = await chat.ModuleCallAsync(caller => users.GetUserAsync(caller, childId, cancellationToken), cancellationToken);
        if (!child.IsSuccess)
        {
            return;
        }

        if (child.Value.ParentIds.Count >= 2)
        {
            await chat.SayAsync(BotTexts.ParentLimit, cancellationToken);
            return;
        }

        var parent = await chat.ModuleCallAsync(caller => users.CreateUserAsync(caller, new CreateUserRequest(name, UserRole.Parent), chat.WriteKey("parent"), cancellationToken), cancellationToken);
        if (!parent.IsSuccess)
        {
            return;
        }

        if ((await chat.ModuleCallAsync(caller => users.LinkParentAsync(caller, childId, parent.Value.User.Id, cancellationToken), cancellationToken)).IsSuccess)
        {
            await chat.SayAsync(BotTexts.ParentCreated(parent.Value.User.FullName, parent.Value.AccessCode), cancellationToken);
        }
    }
}
