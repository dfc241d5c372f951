using RepitBot.Modules.Auth.Application.Login;
using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Lockout;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Auth.Application.TelegramLink;

/// <summary>
/// For the bot only: a person types their access code in Telegram; the login links that Telegram account to them.
/// The code check is a login in every way (the code's lockout, one bcrypt verify under the gate, the same 401), and
/// the login rate limit applies per Telegram account, since all of the bot's requests come from one address.
/// </summary>
internal sealed class TelegramLinkHandler(LoginHandler login, LoginRateLimiter rateLimiter, AuditLog audit)
{
    public async Task<Result<TokenPair>> HandleAsync(Caller caller, TelegramLinkRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (caller.ServiceName != ServiceNames.Bot)
        {
            return ModuleError.Forbidden("Only the bot may link a Telegram account.");
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var telegramId = request.TelegramId!.Value;
        if (await rateLimiter.TryAcquireForTelegramAsync(telegramId, cancellationToken) is not null)
        {
            await audit.WriteAsync(AuditEventTypes.LoginFailed, AuditLog.Failure, client, telegramId: telegramId, detail: "too many attempts from this Telegram account", cancellationToken: cancellationToken);
            return Refusals.Login;
        }

        return await login.LogInLinkingTelegramAsync(request.AccessCode, telegramId, client, cancellationToken);
    }

    private static ModuleError? Validate(TelegramLinkRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.AccessCode is null)
        {
            errors["access_code"] = ["'access_code' is required."];
        }

        if (request.TelegramId is not > 0)
        {
            errors["telegram_id"] = ["'telegram_id' is required and must be a positive number."];
        }

        return errors.Count == 0 ? null : ModuleError.Invalid(errors);
    }
}
