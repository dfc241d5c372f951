using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RepitBot.Modules.Bot.Screens;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Shared.Contracts.Users;
using global::Telegram.Bot;
using global::Telegram.Bot.Polling;
using global::Telegram.Bot.Types;
using global::Telegram.Bot.Types.Enums;

namespace RepitBot.Modules.Bot.Updates;

/// <summary>
/// One update, dispatched on its shape (a text message or a button press) to the screen or dialogue it is for. A
/// command or a menu button always wins over a dialogue, so an abandoned dialogue never swallows a later choice.
/// </summary>
internal sealed partial class UpdateHandler(Conversation chat, IServiceProvider screens, ILogger<UpdateHandler> logger) : IUpdateHandler
{
    public async Task HandleUpdateAsync(ITelegramBotClient botClient, Update update, CancellationToken cancellationToken)
    {
        try
        {
            await (update switch
            {
                { Message: { Text: { } text, Chat.Type: ChatType.Private, From: { } from } message } => OnTextAsync(update.Id, message, from, text, cancellationToken),
                { CallbackQuery: { Message: { } message, From: { } from } query } => OnCallbackAsync(update.Id, query, message, from, cancellationToken),
                _ => Task.CompletedTask,
            });
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested && chat.ChatId != 0)
        {
            // Exception text never reaches a chat: the person hears a plain sentence, the log gets the rest.
            await TrySayAsync(BotTexts.SomethingWentWrong, cancellationToken);
            throw;
        }
    }

    public Task HandleErrorAsync(ITelegramBotClient botClient, Exception exception, HandleErrorSource source, CancellationToken cancellationToken)
    {
        LogError(logger, source.ToString(), exception);
        return Task.CompletedTask;
    }

    private async Task OnTextAsync(int updateId, Message message, User from, string text, CancellationToken cancellationToken)
    {
        chat.Begin(updateId, message.Chat.Id, from.Id);
        var command = text.StartsWith('/') ? text.Split(' ', 2)[0].Split('@')[0].ToLowerInvariant() : null;
        switch (command)
        {
            case "/start":
                await chat.EndDialogueAsync(cancellationToken);
                await Screen<StartScreen>().StartAsync(cancellationToken);
                return;
            case "/cancel":
                var had = await chat.DialogueAsync(cancellationToken) is not null;
                await chat.EndDialogueAsync(cancellationToken);
                if (await chat.PersonAsync(cancellationToken) is { Role: { } role })
                {
                    await chat.SayAsync(had ? BotTexts.Cancelled : BotTexts.NothingToCancel, Menus.For(role), cancellationToken);
                }

                return;
            case "/menu":
                await chat.EndDialogueAsync(cancellationToken);
                await Screen<MenuScreen>().ShowAsync(cancellationToken);
                return;
            case "/help":
                await Screen<MenuScreen>().HelpAsync(cancellationToken);
                return;
            case "/logout":
                await chat.EndDialogueAsync(cancellationToken);
                await Screen<LogoutScreen>().AskAsync(cancellationToken);
                return;
        }

        if (Menus.IsMenuButton(text))
        {
            // Leaving any dialogue and finding who pressed do not wait for each other: one round trip to the store, not two.
            // Who pressed only picks the screen; each screen checks the session, or its module call does (ADR 0026).
            await Task.WhenAll(chat.EndDialogueAsync(cancellationToken), chat.PersonToCheckAsync(cancellationToken));
            await OnMenuButtonAsync(text, cancellationToken);
            return;
        }

        var dialogue = await chat.DialogueAsync(cancellationToken);
        switch (dialogue?.Name)
        {
            case AddStudentDialogue.Name:
                await Screen<AddStudentDialogue>().OnTextAsync(dialogue, text, cancellationToken);
                return;
            case AddParentDialogue.Name:
                await Screen<AddParentDialogue>().OnTextAsync(dialogue, text, cancellationToken);
                return;
            case RenameDialogue.Name:
                await Screen<RenameDialogue>().OnTextAsync(dialogue, text, cancellationToken);
                return;
            case AddTutorDialogue.Name:
                await Screen<AddTutorDialogue>().OnTextAsync(text, cancellationToken);
                return;
        }

        // Not in a dialogue: a person who is not logged in is typing their code; anyone else gets a hint.
        var sessions = screens.GetRequiredService<Sessions.PersonSessions>();
        var lookup = await sessions.LookupAsync(from.Id, checkWithAuth: true, cancellationToken);
        if (lookup.Error is not null)
        {
            await chat.SayAsync(BotTexts.Unavailable, cancellationToken);
        }
        else if (lookup.Caller is null)
        {
            await Screen<StartScreen>().LinkAsync(text, message.Id, cancellationToken);
        }
        else
        {
            await chat.SayAsync(BotTexts.UnknownInput, cancellationToken);
        }
    }

    private async Task OnMenuButtonAsync(string text, CancellationToken cancellationToken)
    {
        var person = await chat.PersonToCheckAsync(cancellationToken);
        if (person?.Role is not { } role)
        {
            return;
        }

        switch (text)
        {
            case BotTexts.ProfileButton:
                await Screen<ProfileScreen>().ShowAsync(cancellationToken);
                break;
            case BotTexts.HelpButton:
                await Screen<MenuScreen>().HelpAsync(cancellationToken);
                break;
            case BotTexts.MyStudentsButton when role is UserRole.Tutor:
                await Screen<UserListScreen>().ShowAsync(UserRole.Student, 1, cancellationToken);
                break;
            case BotTexts.MyParentsButton when role is UserRole.Tutor:
                await Screen<UserListScreen>().ShowAsync(UserRole.Parent, 1, cancellationToken);
                break;
            case BotTexts.AddStudentButton when role is UserRole.Tutor:
                await Screen<AddStudentDialogue>().StartAsync(cancellationToken);
                break;
            case BotTexts.TutorsButton when role is UserRole.Admin:
                await Screen<UserListScreen>().ShowAsync(UserRole.Tutor, 1, cancellationToken);
                break;
            case BotTexts.AddTutorButton when role is UserRole.Admin:
                await Screen<AddTutorDialogue>().StartAsync(cancellationToken);
                break;
            case BotTexts.FlagsButton when role is UserRole.Admin:
                await Screen<FlagsScreen>().ShowAsync(cancellationToken);
                break;
            case BotTexts.StatusButton when role is UserRole.Admin:
                await Screen<StatusScreen>().ShowAsync(cancellationToken);
                break;
            default:
                await chat.SayAsync(BotTexts.Forbidden, Menus.For(role), cancellationToken);
                break;
        }
    }

    private async Task OnCallbackAsync(int updateId, CallbackQuery query, Message message, User from, CancellationToken cancellationToken)
    {
        chat.Begin(updateId, message.Chat.Id, from.Id, query.Id, message.Id);
        var data = CallbackData.Parse(query.Data);
        switch (data?.Action)
        {
            case null:
                await chat.TellAsync(BotTexts.Expired, cancellationToken);
                break;
            case LogoutScreen.Confirm:
                await Screen<LogoutScreen>().ConfirmAsync(cancellationToken);
                break;
            case LogoutScreen.Keep:
                await Screen<LogoutScreen>().KeepAsync(cancellationToken);
                break;
            case UserListScreen.Action when UserListScreen.RoleOf(data.Word) is { } role:
                await Screen<UserListScreen>().ShowAsync(role, (int)Math.Clamp(data.Id(0), 1, 100_000), cancellationToken);
                break;
            case AddStudentDialogue.NewParentChoice or AddStudentDialogue.ExistingParentChoice or AddStudentDialogue.NoParentChoice:
                await Screen<AddStudentDialogue>().OnChoiceAsync(data, cancellationToken);
                break;
            case FlagsScreen.Toggle or FlagsScreen.ToggleConfirmed or FlagsScreen.Refresh:
                await Screen<FlagsScreen>().HandleAsync(data, cancellationToken);
                break;
            default:
                await Screen<UserCardScreen>().HandleAsync(data, cancellationToken);
                break;
        }

        await chat.AnswerAsync(null, cancellationToken);
    }

    private T Screen<T>()
        where T : notnull => screens.GetRequiredService<T>();

    private async Task TrySayAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await chat.AnswerAsync(null, cancellationToken);
            await chat.SayAsync(text, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogError(logger, "reply", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot error ({Source})")]
    private static partial void LogError(ILogger logger, string source, Exception exception);
}
