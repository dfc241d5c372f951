using RepitBot.Modules.Bot.State;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>
/// One person's card (a student, a parent or a tutor) and what can be done on it: rename, parents, a new code, turn
/// access off and on, delete. Every action is a module call as the person; an id that is not theirs answers "not found".
/// </summary>
internal sealed class UserCardScreen(Conversation chat, IUsersModule users)
{
    public const string Open = "card";
    public const string Rename = "rename";
    public const string AddParent = "addparent";
    public const string NewParent = "newparent";
    public const string LinkParent = "linkparent";
    public const string UnlinkParent = "unlink";
    public const string Reissue = "reissue";
    public const string ReissueConfirmed = "reissueok";
    public const string Deactivate = "deactivate";
    public const string Reactivate = "reactivate";
    public const string Delete = "delete";
    public const string DeleteConfirmed = "deleteok";

    public static string Callback(string action, params long[] ids) => CallbackData.Of(action, ids);

    public async Task HandleAsync(CallbackData data, CancellationToken cancellationToken)
    {
        var id = data.Id(0);
        switch (data.Action)
        {
            case Open:
                await ShowAsync(id, cancellationToken);
                break;
            case Rename:
                await StartRenameAsync(id, cancellationToken);
                break;
            case AddParent:
                await ShowParentChoicesAsync(id, cancellationToken);
                break;
            case NewParent:
                await StartNewParentAsync(id, cancellationToken);
                break;
            case LinkParent:
                if ((await chat.ModuleCallAsync(caller => users.LinkParentAsync(caller, id, data.Id(1), cancellationToken), cancellationToken)).IsSuccess)
                {
                    await ShowAsync(id, cancellationToken);
                }

                break;
            case UnlinkParent:
                if ((await chat.ModuleCallAsync(caller => users.UnlinkParentAsync(caller, id, data.Id(1), cancellationToken), cancellationToken)).IsSuccess)
                {
                    await ShowAsync(id, cancellationToken);
                }

                break;
            case Reissue:
                await ConfirmAsync(id, BotTexts.ConfirmReissue, ReissueConfirmed, cancellationToken);
                break;
            case ReissueConfirmed:
                var reissued = await chat.ModuleCallAsync(caller => users.ReissueAccessCodeAsync(caller, id, chat.WriteKey("reissue"), cancellationToken), cancellationToken);
                if (reissued.IsSuccess)
                {
                    await chat.ShowAsync(BotTexts.Code(reissued.Value.User.FullName, reissued.Value.AccessCode), null, cancellationToken);
                }

                break;
            case Deactivate or Reactivate:
                var active = data.Action == Reactivate;
                if ((await chat.ModuleCallAsync(caller => users.UpdateUserAsync(caller, id, new UpdateUserRequest(IsActive: active), cancellationToken), cancellationToken)).IsSuccess)
                {
                    await ShowAsync(id, cancellationToken);
                }

                break;
            case Delete:
                await ConfirmAsync(id, BotTexts.ConfirmDelete, DeleteConfirmed, cancellationToken);
                break;
            case DeleteConfirmed:
                if ((await chat.ModuleCallAsync(caller => users.DeleteUserAsync(caller, id, cancellationToken), cancellationToken)).IsSuccess)
                {
                    await chat.ShowAsync(BotTexts.Deleted, null, cancellationToken);
                }

                break;
            default:
                await chat.TellAsync(BotTexts.Expired, cancellationToken);
                break;
        }
    }

    public async Task ShowAsync(long id, CancellationToken cancellationToken)
    {
        var found = await chat.ModuleCallAsync(caller => users.GetUserAsync(caller, id, cancellationToken), cancellationToken);
        if (!found.IsSuccess)
        {
            return;
        }

        // The person only for the routed reads of the relatives' names, which are checked where they are served.
        var user = found.Value;
        if (await chat.PersonToCheckAsync(cancellationToken) is not { } person)
        {
            return;
        }

        var relativeIds = user.Role == UserRole.Student ? user.ParentIds : user.Role == UserRole.Parent ? user.ChildIds : [];
        var relatives = new List<(long Id, string Name)>();
        foreach (var relativeId in relativeIds)
        {
            if (await NameOfAsync(person, relativeId, cancellationToken) is { } name)
            {
                relatives.Add((relativeId, name));
            }
        }

        var rows = new List<InlineKeyboardButton[]> { new[] { Button(BotTexts.RenameButton, Rename, id), Button(BotTexts.ReissueButton, Reissue, id) } };
        if (user.Role == UserRole.Student)
        {
            rows.AddRange(relatives.Select(parent => new[] { Button(BotTexts.UnlinkParentButton(parent.Name), UnlinkParent, id, parent.Id) }));
            if (user.ParentIds.Count < 2)
            {
                rows.Add([Button(BotTexts.AddParentButton, AddParent, id)]);
            }
        }

        rows.Add([user.IsActive ? Button(BotTexts.DeactivateButton, Deactivate, id) : Button(BotTexts.ReactivateButton, Reactivate, id), Button(BotTexts.DeleteButton, Delete, id)]);
        rows.Add([InlineKeyboardButton.WithCallbackData(BotTexts.ToListButton, UserListScreen.Callback(user.Role, 1))]);
        await chat.ShowAsync(BotTexts.Card(user, [.. relatives.Select(r => r.Name)]), new InlineKeyboardMarkup(rows), cancellationToken);
    }

    private async Task ConfirmAsync(long id, Func<string, string> question, string confirmedAction, CancellationToken cancellationToken)
    {
        var found = await chat.ModuleCallAsync(caller => users.GetUserAsync(caller, id, cancellationToken), cancellationToken);
        if (found.IsSuccess)
        {
            await chat.ShowAsync(question(found.Value.FullName), new InlineKeyboardMarkup([[Button(BotTexts.Yes, confirmedAction, id), Button(BotTexts.No, Open, id)]]), cancellationToken);
        }
    }

    private async Task StartRenameAsync(long id, CancellationToken cancellationToken)
    {
        if ((await chat.ModuleCallAsync(caller => users.GetUserAsync(caller, id, cancellationToken), cancellationToken)).IsSuccess)
        {
            await chat.SaveDialogueAsync(Dialogue.Start(RenameDialogue.Name, RenameDialogue.NameStep).At(RenameDialogue.NameStep, (RenameDialogue.UserIdKey, id.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
            await chat.SayAsync(BotTexts.AskNewName, cancellationToken);
        }
    }

    private async Task ShowParentChoicesAsync(long id, CancellationToken cancellationToken)
    {
        var child = await chat.ModuleCallAsync(caller => users.GetUserAsync(caller, id, cancellationToken), cancellationToken);
        if (!child.IsSuccess)
        {
            return;
        }

        if (child.Value.ParentIds.Count >= 2)
        {
            await chat.TellAsync(BotTexts.ParentLimit, cancellationToken);
            return;
        }

        var parents = await chat.ModuleCallAsync(caller => users.ListUserSummariesAsync(caller, new UserListQuery(1, UserListScreen.PageSize, UserRole.Parent), cancellationToken), cancellationToken);
        if (!parents.IsSuccess)
        {
            return;
        }

        var rows = parents.Value.Users.Where(parent => !child.Value.ParentIds.Contains(parent.Id))
            .Select(parent => new[] { Button(BotTexts.LinkExistingParentButton(parent.FullName), LinkParent, id, parent.Id) }).ToList();
        rows.Insert(0, [Button(BotTexts.NewParentButton, NewParent, id)]);
        rows.Add([Button(BotTexts.Back, Open, id)]);
        await chat.ShowAsync(BotTexts.AskParentChoice, new InlineKeyboardMarkup(rows), cancellationToken);
    }

    private async Task StartNewParentAsync(long childId, CancellationToken cancellationToken)
    {
        if ((await chat.ModuleCallAsync(caller => users.GetUserAsync(caller, childId, cancellationToken), cancellationToken)).IsSuccess)
        {
            await chat.SaveDialogueAsync(Dialogue.Start(AddParentDialogue.Name, AddParentDialogue.NameStep).At(AddParentDialogue.NameStep, (AddParentDialogue.ChildIdKey, childId.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
            await chat.SayAsync(BotTexts.AskParentName, cancellationToken);
        }
    }

    private async Task<string?> NameOfAsync(Caller person, long id, CancellationToken cancellationToken)
    {
        var found = await users.GetUserAsync(person, id, cancellationToken);
        return found.IsSuccess ? found.Value.FullName : null;
    }

    private static InlineKeyboardButton Button(string text, string action, params long[] ids) => InlineKeyboardButton.WithCallbackData(text, Callback(action, ids));
}
