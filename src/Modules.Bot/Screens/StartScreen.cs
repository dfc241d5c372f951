using RepitBot.Modules.Bot.Sessions;
using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>
/// /start and linking: a linked person gets their menu; anyone else is asked for their access code, which links this
/// Telegram account and logs them in. The message holding the code is deleted once read.
/// </summary>
internal sealed class StartScreen(Conversation chat, PersonSessions sessions, IAuthModule auth, IUsersModule users)
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var lookup = await sessions.LookupAsync(chat.TelegramId, checkWithAuth: true, cancellationToken);
        if (lookup.Error is not null)
        {
            await chat.SayAsync(BotTexts.Unavailable, cancellationToken);
            return;
        }

        if (lookup.Caller is not { Role: { } role })
        {
            await chat.SayAsync(lookup.Ended ? BotTexts.SessionEnded : BotTexts.AskForCode, new ReplyKeyboardRemove(), cancellationToken);
            return;
        }

        await chat.SayAsync(BotTexts.Menu(role), Menus.For(role), cancellationToken);
    }

    /// <summary>Whatever a person who is not logged in types is taken as their code.</summary>
    public async Task LinkAsync(string typed, int messageId, CancellationToken cancellationToken)
    {
        await chat.DeleteAsync(messageId, cancellationToken);
        var login = await auth.TelegramLinkAsync(PersonSessions.Bot, new TelegramLinkRequest(typed, chat.TelegramId), PersonSessions.Client, cancellationToken);
        if (!login.IsSuccess)
        {
            // Wrong, locked, deactivated or linked to another account: one answer for all, as Auth gives.
            await chat.SayAsync(login.Error.Kind == ErrorKind.Unavailable ? BotTexts.Unavailable : BotTexts.CodeRefused, cancellationToken);
            return;
        }

        var session = await sessions.SaveAsync(chat.TelegramId, login.Value, cancellationToken);
        var me = await users.GetUserAsync(RepitBot.Shared.Contracts.Identity.Caller.Person(session.UserId, session.Role, session.AccessToken), session.UserId, cancellationToken);
        var greeting = me.IsSuccess ? BotTexts.Welcome(me.Value.FullName) : BotTexts.Welcome(BotTexts.RoleName(session.Role));
        await chat.SayAsync(greeting + "\n\n" + BotTexts.Menu(session.Role), Menus.For(session.Role), cancellationToken);
    }
}
