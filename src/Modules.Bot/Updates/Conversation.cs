using RepitBot.Modules.Bot.Sessions;
using RepitBot.Modules.Bot.State;
using RepitBot.Modules.Bot.Telegram;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Updates;

/// <summary>
/// The one update being handled, for the screens: who wrote in which chat, how to answer there, who they are (their
/// own session), and how a module's refusal is said to them. One per update (scoped).
/// </summary>
internal sealed class Conversation(BotSender sender, PersonSessions sessions, DialogueStore dialogues, BotSecrets secrets, BotSettings settings)
{
    private Caller? person;
    private bool answered;

    public long ChatId { get; private set; }

    public long TelegramId { get; private set; }

    /// <summary>The Telegram update being handled: the same again when Telegram delivers it again.</summary>
    public int UpdateId { get; private set; }

    /// <summary>Set when the update is a button press under one of the bot's messages.</summary>
    public string? CallbackQueryId { get; private set; }

    public int? CallbackMessageId { get; private set; }

    public void Begin(int updateId, long chatId, long telegramId, string? callbackQueryId = null, int? callbackMessageId = null)
    {
        (UpdateId, ChatId, TelegramId, CallbackQueryId, CallbackMessageId) = (updateId, chatId, telegramId, callbackQueryId, callbackMessageId);
    }

    /// <summary>
    /// The idempotency key of one write this update asks for (<paramref name="step"/> tells apart two writes of one
    /// update): an update delivered twice (a webhook retry, a restart before the offset was confirmed) writes once.
    /// </summary>
    public IdempotencyKey WriteKey(string step) => secrets.WriteKey(settings.BotId, UpdateId, step);

    public Task SayAsync(string html, ReplyMarkup? markup, CancellationToken cancellationToken) => sender.SendAsync(ChatId, html, markup, cancellationToken);

    public Task SayAsync(string html, CancellationToken cancellationToken) => sender.SendAsync(ChatId, html, null, cancellationToken);

    /// <summary>Shows a screen: in place of the pressed message when there is one, else as a new message.</summary>
    public async Task ShowAsync(string html, InlineKeyboardMarkup? markup, CancellationToken cancellationToken)
    {
        if (CallbackMessageId is { } messageId)
        {
            await sender.EditAsync(ChatId, messageId, html, markup, cancellationToken);
        }
        else
        {
            await sender.SendAsync(ChatId, html, markup, cancellationToken);
        }
    }

    public Task DeleteAsync(int messageId, CancellationToken cancellationToken) => sender.DeleteAsync(ChatId, messageId, cancellationToken);

    /// <summary>Answers the pressed button once (a toast when <paramref name="text"/> is given); later calls do nothing.</summary>
    public async Task AnswerAsync(string? text, CancellationToken cancellationToken)
    {
        if (CallbackQueryId is not null && !answered)
        {
            answered = true;
            await sender.AnswerAsync(CallbackQueryId, text, cancellationToken);
        }
    }

    /// <summary>
    /// The person behind this Telegram account, with a fresh token. When there is none, they are told why (not linked,
    /// session ended, service down) and null comes back.
    /// </summary>
    public Task<Caller?> PersonAsync(CancellationToken cancellationToken) => FindPersonAsync(checkWithAuth: true, cancellationToken);

    /// <summary>
    /// The person, for what only reaches modules through the router (which module's screen to show, a module call): a
    /// kept token is not checked with Auth first (ADR 0026). Anything the bot does itself for the person takes
    /// <see cref="PersonAsync"/>.
    /// </summary>
    public Task<Caller?> PersonToCheckAsync(CancellationToken cancellationToken) => FindPersonAsync(checkWithAuth: false, cancellationToken);

    private async Task<Caller?> FindPersonAsync(bool checkWithAuth, CancellationToken cancellationToken)
    {
        if (person is not null && (!checkWithAuth || !person.SessionUnchecked))
        {
            return person;
        }

        var lookup = await sessions.LookupAsync(TelegramId, checkWithAuth, cancellationToken);
        if (lookup.Error is not null)
        {
            await TellAsync(BotTexts.Unavailable, cancellationToken);
            return null;
        }

        if (lookup.Caller is null)
        {
            await dialogues.EndAsync(ChatId, cancellationToken);
            await SayAsync(lookup.Ended ? BotTexts.SessionEnded : BotTexts.AskForCode, new ReplyKeyboardRemove(), cancellationToken);
            await AnswerAsync(null, cancellationToken);
            return null;
        }

        person = lookup.Caller;
        return person;
    }

    /// <summary>
    /// Runs a module call as the person. A token the module no longer accepts is renewed once (refresh, else the
    /// Telegram login); a refusal is said to the person in plain Russian and returned for the caller to stop on.
    /// </summary>
    public Task<Result<T>> CallAsync<T>(Func<Caller, Task<Result<T>>> call, CancellationToken cancellationToken) =>
        CallAsync(call, checkWithAuth: true, cancellationToken);

    /// <summary>
    /// <see cref="CallAsync{T}(Func{Caller, Task{Result{T}}}, CancellationToken)"/> for a call of a module's contract
    /// (Users, Auth), which goes through the router: a kept token is not checked with Auth first, since a remote module
    /// checks the token it is sent and the router checks it before a module serves it in process (ADR 0026).
    /// </summary>
    public Task<Result<T>> ModuleCallAsync<T>(Func<Caller, Task<Result<T>>> call, CancellationToken cancellationToken) =>
        CallAsync(call, checkWithAuth: false, cancellationToken);

    private async Task<Result<T>> CallAsync<T>(Func<Caller, Task<Result<T>>> call, bool checkWithAuth, CancellationToken cancellationToken)
    {
        var caller = await FindPersonAsync(checkWithAuth, cancellationToken);
        if (caller is null)
        {
            return ModuleError.Forbidden("No session.");
        }

        var result = await call(caller);
        if (result.Error is { Kind: ErrorKind.Unauthorized })
        {
            // A token not checked before the call is checked now, which ends a session Auth ended (and says so to the
            // person); a checked token refused all the same is dropped, so the person is logged in again.
            if (!caller.SessionUnchecked)
            {
                await sessions.ForgetAsync(TelegramId, cancellationToken);
            }

            person = null;
            caller = await PersonAsync(cancellationToken);
            if (caller is null)
            {
                return result;
            }

            result = await call(caller);
        }

        if (!result.IsSuccess)
        {
            await TellAsync(ErrorText(result.Error), cancellationToken);
        }

        return result;
    }

    /// <summary>A short answer: the pressed button's toast, or a message when the person typed.</summary>
    public async Task TellAsync(string text, CancellationToken cancellationToken)
    {
        if (CallbackQueryId is not null && !answered)
        {
            await AnswerAsync(text, cancellationToken);
            await SayAsync(text, cancellationToken);
        }
        else
        {
            await SayAsync(text, cancellationToken);
        }
    }

    public Task<Dialogue?> DialogueAsync(CancellationToken cancellationToken) => dialogues.GetAsync(ChatId, cancellationToken);

    public Task SaveDialogueAsync(Dialogue dialogue, CancellationToken cancellationToken) => dialogues.SaveAsync(ChatId, dialogue, cancellationToken);

    public Task EndDialogueAsync(CancellationToken cancellationToken) => dialogues.EndAsync(ChatId, cancellationToken);

    private static string ErrorText(ModuleError error) => error.Kind switch
    {
        ErrorKind.NotFound or ErrorKind.Forbidden => BotTexts.NotFound,
        ErrorKind.Unavailable => BotTexts.Unavailable,
        ErrorKind.Conflict => BotTexts.ConflictGeneric,
        ErrorKind.Validation => BotTexts.InvalidGeneric,
        ErrorKind.Unauthorized => BotTexts.SessionEnded,
        _ => BotTexts.SomethingWentWrong,
    };
}
