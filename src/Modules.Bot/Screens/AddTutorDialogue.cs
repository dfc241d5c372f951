using RepitBot.Modules.Bot.State;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Users;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>An admin adds a tutor: the name, then the tutor's code, shown once.</summary>
internal sealed class AddTutorDialogue(Conversation chat, IUsersModule users)
{
    public const string Name = "addtutor";
    private const string NameStep = "name";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await chat.PersonAsync(cancellationToken) is null)
        {
            return;
        }

        await chat.SaveDialogueAsync(Dialogue.Start(Name, NameStep), cancellationToken);
        await chat.SayAsync(BotTexts.AskTutorName, new ReplyKeyboardRemove(), cancellationToken);
    }

    public async Task OnTextAsync(string text, CancellationToken cancellationToken)
    {
        if (PersonName.Read(text) is not { } name)
        {
            await chat.SayAsync(BotTexts.NameInvalid, cancellationToken);
            return;
        }

        await chat.EndDialogueAsync(cancellationToken);
        var tutor = await chat.ModuleCallAsync(caller => users.CreateUserAsync(caller, new CreateUserRequest(name, UserRole.Tutor), chat.WriteKey("tutor"), cancellationToken), cancellationToken);
        if (tutor.IsSuccess)
        {
            var person = await chat.PersonToCheckAsync(cancellationToken);
            await chat.SayAsync(BotTexts.TutorCreated(tutor.Value.User.FullName, tutor.Value.AccessCode), person?.Role is { } role ? Menus.For(role) : null, cancellationToken);
        }
    }
}
