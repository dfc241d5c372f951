using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Lockout;
using RepitBot.Modules.Auth.Sessions;
using RepitBot.Shared.Contracts.AccessCodes;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Http;

namespace RepitBot.Modules.Auth.Application.Login;

/// <summary>
/// Logs in with an access code, which Users checks; for the bot (<see cref="TelegramLink.TelegramLinkHandler"/>), the
/// code also links a Telegram account and grants the bot logins for it. Failures count towards the code's lock, and
/// every refusal answers the same 401.
/// </summary>
internal sealed class LoginHandler(
    IUsersModule users,
    LoginRateLimiter rateLimiter,
    LoginGate gate,
    ILoginAttemptStore attempts,
    TelegramGrants telegramGrants,
    TokenPairIssuer tokenPairs,
    AuditLog audit,
    TimeProvider clock)
{
    public async Task<Result<TokenPair>> HandleAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (request.TelegramId is not null)
        {
            return ModuleError.Invalid("telegram_id", "'telegram_id' is not accepted at login: a Telegram account is linked only through the bot, by its owner typing their access code there.");
        }

        // Counted here, where the login is carried out, not at each HTTP edge it passes: a login through a host to a
        // remote Auth Service counts once, by the end client's address the host forwards (ADR 0011).
        if (await rateLimiter.TryAcquireAsync(client.Address, cancellationToken) is { } retryAfter)
        {
            return ModuleError.TooManyRequests($"Too many login attempts from this address; try again in {ProblemHeaders.Seconds(retryAfter)} seconds.", retryAfter);
        }

        return await LogInAsync(request, client, cancellationToken);
    }

    /// <summary>A login that also links <paramref name="telegramId"/>: only the bot's identity reaches this.</summary>
    public Task<Result<TokenPair>> LogInLinkingTelegramAsync(string? accessCode, long telegramId, ClientInfo client, CancellationToken cancellationToken) =>
        LogInAsync(new LoginRequest(accessCode, telegramId), client, cancellationToken);

    private static int ProblemSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private async Task<Result<TokenPair>> LogInAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var lookupId = AccessCode.TryParse(request.AccessCode, out var code) ? code.LookupId : null;
        if (lookupId is not null && !(await attempts.ReserveAsync(lookupId, clock.GetUtcNow(), cancellationToken)).Granted)
        {
            return await RefuseLockedAsync(request, lookupId, client, cancellationToken);
        }

        // The attempt is counted as a failure from here on; what turns out not to be a wrong code gives it back.
        var checkedCode = await CheckCodeAsync(request.AccessCode, request.TelegramId, cancellationToken);
        if (!checkedCode.IsSuccess)
        {
            await ReleaseAsync(lookupId);

            // Auth kept nothing; Users did nothing either when it said so, or when the check could not link an account.
            return checkedCode.Error.Kind == ErrorKind.Validation
                ? checkedCode.Error
                : checkedCode.Error.NotExecuted || request.TelegramId is null
                    ? ModuleError.UnavailableNothingDone("Logins are not possible right now.")
                    : ModuleError.Unavailable("Logins are not possible right now.");
        }

        var validation = checkedCode.Value;
        if (validation.Status != AccessCodeStatus.Valid)
        {
            return await RefuseAsync(request, validation, lookupId, client, cancellationToken);
        }

        await attempts.ResetAsync(lookupId!, CancellationToken.None);
        var user = validation.User!;
        if (validation.TelegramLinked)
        {
            await audit.WriteAsync(AuditEventTypes.TelegramLinked, AuditLog.Success, client, user.Id, request.TelegramId, lookupId, cancellationToken: cancellationToken);
        }

        if (request.TelegramId is { } telegramId)
        {
            await telegramGrants.GrantAsync(user.Id, telegramId, user.CodeVersion, cancellationToken);
        }

        var tokens = await tokenPairs.StartSessionAsync(user, request.TelegramId, cancellationToken);
        await audit.WriteAsync(AuditEventTypes.Login, AuditLog.Success, client, user.Id, request.TelegramId, lookupId, cancellationToken: cancellationToken);
        return tokens;
    }

    private static ModuleError? Validate(LoginRequest request)
    {
        if (request.AccessCode is null)
        {
            return ModuleError.Invalid("access_code", "'access_code' is required.");
        }

        if (request.AccessCode.Length > AccessCode.MaxInputLength)
        {
            return ModuleError.Invalid("access_code", $"'access_code' is at most {AccessCode.MaxInputLength} characters.");
        }

        if (request.TelegramId is <= 0)
        {
            return ModuleError.Invalid("telegram_id", "'telegram_id' must be a positive number.");
        }

        return null;
    }

    /// <summary>Users checks the code (bcrypt), under the gate that bounds that work.</summary>
    private Task<Result<AccessCodeValidation>> CheckCodeAsync(string? accessCode, long? telegramId, CancellationToken cancellationToken) =>
        gate.RunAsync(() => users.ValidateAccessCodeAsync(AuthCaller.Self, new ValidateAccessCodeRequest(accessCode, telegramId), cancellationToken), cancellationToken);

    /// <summary>
    /// A locked code is still checked by Users, and the answer thrown away: the refusal then costs exactly what a wrong
    /// code costs, in process and across the network alike, so the time of an answer does not tell a locked code. The
    /// check goes without the Telegram id, so a locked code never links an account.
    /// </summary>
    private async Task<Result<TokenPair>> RefuseLockedAsync(LoginRequest request, string lookupId, ClientInfo client, CancellationToken cancellationToken)
    {
        _ = await CheckCodeAsync(request.AccessCode, telegramId: null, cancellationToken);
        await audit.WriteAsync(AuditEventTypes.LoginLocked, AuditLog.Failure, client, telegramId: request.TelegramId, codeLookupId: lookupId, detail: "code locked after repeated failures", cancellationToken: cancellationToken);
        return Refusals.Login;
    }

    /// <summary>A reserved attempt that was not a wrong code does not count towards the lock; given back whatever the client does.</summary>
    private async Task ReleaseAsync(string? lookupId)
    {
        if (lookupId is not null)
        {
            await attempts.ReleaseAsync(lookupId, CancellationToken.None);
        }
    }

    /// <summary>Refuses a code Users did not accept; a wrong code of a known form counted towards its lock when it was reserved.</summary>
    private async Task<Result<TokenPair>> RefuseAsync(LoginRequest request, AccessCodeValidation validation, string? lookupId, ClientInfo client, CancellationToken cancellationToken)
    {
        var detail = validation.Status switch
        {
            AccessCodeStatus.Inactive => "user is deactivated",
            AccessCodeStatus.TelegramMismatch => "code belongs to a user linked to another Telegram account",
            AccessCodeStatus.TelegramTaken => "Telegram account already linked to another user",
            _ => lookupId is null ? "malformed code" : "wrong code",
        };
        if (validation.Status == AccessCodeStatus.Invalid && lookupId is not null)
        {
            var state = await attempts.GetAsync(lookupId, clock.GetUtcNow(), CancellationToken.None);
            detail += state.IsLocked(clock.GetUtcNow()) ? $"; locked after {state.Failures} failures" : string.Empty;
        }
        else
        {
            await ReleaseAsync(lookupId);
        }

        await audit.WriteAsync(AuditEventTypes.LoginFailed, AuditLog.Failure, client, validation.User?.Id, request.TelegramId, lookupId, detail, cancellationToken);
        return Refusals.Login;
    }
}
