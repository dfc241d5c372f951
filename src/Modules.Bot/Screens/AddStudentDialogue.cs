using RepitBot.Modules.Bot.State;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Users;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>
/// A tutor adds a student: the name, then a parent (a new one by name, one of theirs, or none), then the codes, shown
/// once with how to pass them on.
/// </summary>
internal sealed class AddStudentDialogue(Conversation chat, IUsersModule users)
{
    public const string Name = "addstudent";
    public const string NewParentChoice = "asnew";
    public const string ExistingParentChoice = "asparent";
    public const string NoParentChoice = "asnone";
    private const string NameStep = "name";
    private const string ParentChoiceStep = "parent";
    private const string ParentNameStep = "parentname";
    private const string StudentNameKey = "student";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await chat.PersonAsync(cancellationToken) is null)
        {
            return;
        }

        await chat.SaveDialogueAsync(Dialogue.Start(Name, NameStep), cancellationToken);
        await chat.SayAsync(BotTexts.AskStudentName, new ReplyKeyboardRemove(), cancellationToken);
    }

    public async Task OnTextAsync(Dialogue dialogue, string text, CancellationToken cancellationToken)
    {
        if (dialogue.Step == ParentChoiceStep)
        {
            await chat.SayAsync(BotTexts.AskParentChoice, cancellationToken);
            return;
        }

        if (PersonName.Read(text) is not { } name)
        {
            await chat.SayAsync(BotTexts.NameInvalid, cancellationToken);
            return;
        }

        if (dialogue.Step == NameStep)
        {
            var parents = await chat.ModuleCallAsync(caller => users.ListUserSummariesAsync(caller, new UserListQuery(1, UserListScreen.PageSize, UserRole.Parent), cancellationToken), cancellationToken);
            if (!parents.IsSuccess)
            {
                return;
            }

            await chat.SaveDialogueAsync(dialogue.At(ParentChoiceStep, (StudentNameKey, name)), cancellationToken);
            var rows = new List<InlineKeyboardButton[]> { new[] { InlineKeyboardButton.WithCallbackData(BotTexts.NewParentButton, NewParentChoice) } };
            rows.AddRange(parents.Value.Users.Select(parent => new[] { InlineKeyboardButton.WithCallbackData(BotTexts.LinkExistingParentButton(parent.FullName), CallbackData.Of(ExistingParentChoice, parent.Id)) }));
            rows.Add([InlineKeyboardButton.WithCallbackData(BotTexts.NoParentButton, NoParentChoice)]);
            await chat.SayAsync(BotTexts.AskParentChoice, new InlineKeyboardMarkup(rows), cancellationToken);
            return;
        }

        // The parent's name: the parent first, so the student is created already linked.
        var parent = await chat.ModuleCallAsync(caller => users.CreateUserAsync(caller, new CreateUserRequest(name, UserRole.Parent), chat.WriteKey("parent"), cancellationToken), cancellationToken);
        if (parent.IsSuccess)
        {
            await CreateStudentAsync(dialogue.Value(StudentNameKey)!, parent.Value, cancellationToken);
        }
        else
        {
            await chat.EndDialogueAsync(cancellationToken);
        }
    }

    public async Task OnChoiceAsync(CallbackData data, CancellationToken cancellationToken)
    {
        var dialogue = await chat.DialogueAsync(cancellationToken);
        if (dialogue is not { Name: Name, Step: ParentChoiceStep })
        {
            await chat.TellAsync(BotTexts.Expired, cancellationToken);
            return;
        }

        await chat.AnswerAsync(null, cancellationToken);
        switch (data.Action)
        {
            case NewParentChoice:
                await chat.SaveDialogueAsync(dialogue.At(ParentNameStep), cancellationToken);
                await chat.ShowAsync(BotTexts.AskParentName, null, cancellationToken);
                break;
            case ExistingParentChoice:
                await CreateStudentAsync(dialogue.Value(StudentNameKey)!, null, cancellationToken, data.Id(0));
                break;
            default:
                await CreateStudentAsync(dialogue.Value(StudentNameKey)!, null, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Creates the student, keyed by the update, and shows the codes; the dialogue ends only once they are shown. So
    /// when showing them fails, the update delivered again finds the dialogue where it was, and the same key answers
    /// the same student and codes instead of a second student.
    /// </summary>
    private async Task CreateStudentAsync(string studentName, UserWithAccessCode? newParent, CancellationToken cancellationToken, long? existingParentId = null)
    {
        var parentId = newParent?.User.Id ?? existingParentId;
        var request = new CreateUserRequest(studentName, UserRole.Student, ParentIds: parentId is { } id ? [id] : null);
        var student = await chat.ModuleCallAsync(caller => users.CreateUserAsync(caller, request, chat.WriteKey("student"), cancellationToken), cancellationToken);
        if (student.IsSuccess)
        {
            // The person only for their menu's keyboard: the codes were created with their session checked.
            var person = await chat.PersonToCheckAsync(cancellationToken);
            await chat.SayAsync(
                BotTexts.StudentCreated(student.Value.User.FullName, student.Value.AccessCode, newParent?.User.FullName, newParent?.AccessCode),
                person?.Role is { } role ? Menus.For(role) : null,
                cancellationToken);
        }

        await chat.EndDialogueAsync(cancellationToken);
    }
}
