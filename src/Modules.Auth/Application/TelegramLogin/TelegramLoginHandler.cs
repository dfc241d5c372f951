using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Sessions;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Auth.Application.TelegramLogin;

/// <summary>
/// For the bot: a session for the person whose Telegram account is linked, as long as that account logged in with
/// the current version of the code (a reissue or a deactivation raises it) and has not logged out since.
/// </summary>
internal sealed class TelegramLoginHandler(IUsersModule users, TelegramGrants telegramGrants, TokenPairIssuer tokenPairs, AuditLog audit)
{
    public async Task<Result<TokenPair>> HandleAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (caller.ServiceName != ServiceNames.Bot)
        {
            return ModuleError.Forbidden("Only the bot may log in on behalf of a Telegram account.");
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var telegramId = request.TelegramId!.Value;
        var found = await users.FindByTelegramIdAsync(AuthCaller.Self, telegramId, cancellationToken);
        if (!found.IsSuccess || !found.Value.IsActive)
        {
            if (found.Error is { Kind: not ErrorKind.NotFound })
            {
                // Nothing was written yet: another instance may serve the same request.
                return ModuleError.UnavailableNothingDone("Logins are not possible right now.");
            }

            await audit.WriteAsync(AuditEventTypes.TelegramLogin, AuditLog.Failure, client, found.Value?.Id, telegramId, detail: found.IsSuccess ? "user is deactivated" : "not linked", cancellationToken: cancellationToken);
            return Refusals.TelegramLogin;
        }

        var user = found.Value;
        var grantedWith = await telegramGrants.GrantedCodeVersionAsync(user.Id, telegramId, cancellationToken);
        if (grantedWith is null || grantedWith < user.CodeVersion)
        {
            await audit.WriteAsync(AuditEventTypes.TelegramLogin, AuditLog.Failure, client, user.Id, telegramId, detail: grantedWith is null ? "logged out or never logged in with a code" : "code reissued or user deactivated since", cancellationToken: cancellationToken);
            return Refusals.TelegramLogin;
        }

        var tokens = await tokenPairs.StartSessionAsync(user, telegramId, cancellationToken);
        await audit.WriteAsync(AuditEventTypes.TelegramLogin, AuditLog.Success, client, user.Id, telegramId, detail: $"by service {caller.ServiceName}", cancellationToken: cancellationToken);
        return tokens;
    }

    private static ModuleError? Validate(TelegramLoginRequest request)
    {
        if (request.TelegramId is not > 0)
        {
            return ModuleError.Invalid("telegram_id", "'telegram_id' is required and must be a positive number.");
        }

        return null;
    }
}
