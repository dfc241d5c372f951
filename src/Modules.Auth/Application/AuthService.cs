using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.JsonWebTokens;
using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Lockout;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.AccessCodes;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Security;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Auth.Application;

/// <summary>The in-process implementation of <see cref="IAuthModule"/>; the HTTP endpoints are a thin layer over it.</summary>
internal sealed partial class AuthService(
    AuthDbContext db,
    IUsersModule users,
    AccessTokenIssuer issuer,
    RevocationStore revocations,
    ILoginAttemptStore attempts,
    LoginGate gate,
    UserStatusCache userStatus,
    AuditLog audit,
    JwtSettings jwt,
    AccessTokenReader tokenReader,
    TimeProvider clock) : IAuthModule
{
    private static readonly Caller Self = Caller.Service("auth");

    private static readonly ModuleError LoginRefused = new(ErrorKind.Unauthorized, "The access code is not valid.");
    private static readonly ModuleError TelegramLoginRefused = new(ErrorKind.Unauthorized, "This Telegram account is not linked to an active user.");
    private static readonly ModuleError RefreshRefused = new(ErrorKind.Unauthorized, "The refresh token is not valid.");

    public async Task<Result<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (request.AccessCode is null)
        {
            return ModuleError.Invalid("access_code", "'access_code' is required.");
        }

        if (request.TelegramId is <= 0)
        {
            return ModuleError.Invalid("telegram_id", "'telegram_id' must be a positive number.");
        }

        var lookupId = AccessCode.TryParse(request.AccessCode, out var code) ? code.LookupId : null;
        var now = clock.GetUtcNow();
        if (lookupId is not null && (await attempts.GetAsync(lookupId, now)).IsLocked(now))
        {
            await gate.SpendOneCheckAsync(cancellationToken);
            await audit.WriteAsync(AuditEventTypes.LoginLocked, AuditLog.Failure, client, telegramId: request.TelegramId, codeLookupId: lookupId, detail: "code locked after repeated failures", cancellationToken: cancellationToken);
            return LoginRefused;
        }

        var checkedCode = await gate.RunAsync(
            () => users.ValidateAccessCodeAsync(Self, new ValidateAccessCodeRequest(request.AccessCode, request.TelegramId), cancellationToken),
            cancellationToken);
        if (!checkedCode.IsSuccess)
        {
            return checkedCode.Error.Kind == ErrorKind.Validation ? checkedCode.Error : ModuleError.Unavailable("Logins are not possible right now.");
        }

        var validation = checkedCode.Value;
        if (validation.Status != AccessCodeStatus.Valid)
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
                var state = await attempts.RecordFailureAsync(lookupId, clock.GetUtcNow());
                detail += state.IsLocked(clock.GetUtcNow()) ? $"; locked after {state.Failures} failures" : string.Empty;
            }

            await audit.WriteAsync(AuditEventTypes.LoginFailed, AuditLog.Failure, client, validation.User?.Id, request.TelegramId, lookupId, detail, cancellationToken);
            return LoginRefused;
        }

        await attempts.ResetAsync(lookupId!);
        var user = validation.User!;
        if (validation.TelegramLinked)
        {
            await audit.WriteAsync(AuditEventTypes.TelegramLinked, AuditLog.Success, client, user.Id, request.TelegramId, lookupId, cancellationToken: cancellationToken);
        }

        if (request.TelegramId is { } telegramId)
        {
            await GrantTelegramAsync(user.Id, telegramId, cancellationToken);
        }

        var tokens = await StartSessionAsync(user, request.TelegramId, cancellationToken);
        await audit.WriteAsync(AuditEventTypes.Login, AuditLog.Success, client, user.Id, request.TelegramId, lookupId, cancellationToken: cancellationToken);
        return tokens;
    }

    public async Task<Result<TokenPair>> TelegramLoginAsync(Caller caller, TelegramLoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (!caller.IsService)
        {
            return ModuleError.Forbidden("Only the RepitBot services may log in on behalf of a Telegram account.");
        }

        if (request.TelegramId is not > 0)
        {
            return ModuleError.Invalid("telegram_id", "'telegram_id' is required and must be a positive number.");
        }

        var found = await users.FindByTelegramIdAsync(Self, request.TelegramId.Value, cancellationToken);
        if (!found.IsSuccess || !found.Value.IsActive)
        {
            if (found.Error is { Kind: not ErrorKind.NotFound })
            {
                return ModuleError.Unavailable("Logins are not possible right now.");
            }

            await audit.WriteAsync(AuditEventTypes.TelegramLogin, AuditLog.Failure, client, found.Value?.Id, request.TelegramId, detail: found.IsSuccess ? "user is deactivated" : "not linked", cancellationToken: cancellationToken);
            return TelegramLoginRefused;
        }

        var user = found.Value;
        var grantedAt = await db.TelegramGrants.Where(g => g.UserId == user.Id && g.TelegramId == request.TelegramId).Select(g => (DateTime?)g.GrantedAt).FirstOrDefaultAsync(cancellationToken);
        if (grantedAt is null || grantedAt < user.CodeIssuedAt)
        {
            await audit.WriteAsync(AuditEventTypes.TelegramLogin, AuditLog.Failure, client, user.Id, request.TelegramId, detail: grantedAt is null ? "logged out or never logged in with a code" : "code reissued since", cancellationToken: cancellationToken);
            return TelegramLoginRefused;
        }

        var tokens = await StartSessionAsync(user, request.TelegramId, cancellationToken);
        await audit.WriteAsync(AuditEventTypes.TelegramLogin, AuditLog.Success, client, found.Value.Id, request.TelegramId, detail: $"by service {caller.ServiceName}", cancellationToken: cancellationToken);
        return tokens;
    }

    public async Task<Result<TokenPair>> RefreshAsync(RefreshRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return ModuleError.Invalid("refresh_token", "'refresh_token' is required.");
        }

        var hash = RefreshTokenValue.Hash(request.RefreshToken);
        var token = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var family = token is null ? null : await db.TokenFamilies.AsNoTracking().FirstOrDefaultAsync(f => f.Id == token.FamilyId, cancellationToken);
        var now = UtcTimestamps.Now(clock);
        if (token is null || family is null)
        {
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, detail: "unknown refresh token", cancellationToken: cancellationToken);
            return RefreshRefused;
        }

        if (family.RevokedAt is not null || now >= family.ExpiresAt)
        {
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: family.RevokedAt is null ? "session expired" : "session revoked", cancellationToken: cancellationToken);
            return RefreshRefused;
        }

        if (token.ConsumedAt is { } consumedAt)
        {
            return await RefuseReplayAsync(family, now - consumedAt, client, cancellationToken);
        }

        // Ask for the user before consuming the token: if Users cannot answer, the client may simply retry.
        var user = await users.GetUserAsync(Self, family.UserId, cancellationToken);
        if (user.Error is { Kind: ErrorKind.Unavailable })
        {
            return ModuleError.Unavailable("Refreshing is not possible right now; try again shortly.");
        }

        if (!user.IsSuccess || !user.Value.IsActive || family.CreatedAt < user.Value.CodeIssuedAt)
        {
            var reason = !user.IsSuccess || !user.Value.IsActive ? "user is deactivated or deleted" : "access code reissued since the login";
            await revocations.RevokeFamilyAsync(family.Id, reason, cancellationToken);
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: reason, cancellationToken: cancellationToken);
            return RefreshRefused;
        }

        // Exactly one of any number of parallel refreshes of this token wins this update.
        var won = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.ConsumedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        if (won == 0)
        {
            return await RefuseReplayAsync(family, TimeSpan.Zero, client, cancellationToken);
        }

        var refresh = RefreshTokenValue.New();
        db.RefreshTokens.Add(new RefreshToken { Id = Guid.NewGuid(), FamilyId = family.Id, TokenHash = RefreshTokenValue.Hash(refresh), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var access = issuer.Issue(user.Value.Id, user.Value.Role, family.Id);
        await audit.WriteAsync(AuditEventTypes.Refresh, AuditLog.Success, client, family.UserId, family.TelegramId, cancellationToken: cancellationToken);
        return Pair(access.Token, refresh, user.Value);
    }

    public async Task<Result<Done>> LogoutAsync(string accessToken, LogoutRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var validated = await ReadAccessTokenAsync(accessToken);
        if (validated is null)
        {
            return new ModuleError(ErrorKind.Unauthorized, "The access token is not valid.");
        }

        var (userId, _, jti, sid, expiresAt, _) = validated.Value;
        await revocations.RevokeAccessTokenAsync(jti, expiresAt, cancellationToken);
        if (Guid.TryParseExact(sid, "N", out var sessionId))
        {
            await revocations.RevokeFamilyAsync(sessionId, "logout", cancellationToken);

            // Logging out of a Telegram session means the bot asks for the code again next time.
            var telegramId = await db.TokenFamilies.Where(f => f.Id == sessionId).Select(f => f.TelegramId).FirstOrDefaultAsync(cancellationToken);
            if (telegramId is not null)
            {
                await db.TelegramGrants.Where(g => g.UserId == userId && g.TelegramId == telegramId).ExecuteDeleteAsync(cancellationToken);
            }
        }

        if (!string.IsNullOrEmpty(request.RefreshToken))
        {
            var hash = RefreshTokenValue.Hash(request.RefreshToken);
            var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).FirstOrDefaultAsync(cancellationToken);
            if (familyId is { } id && await db.TokenFamilies.AnyAsync(f => f.Id == id && f.UserId == userId, cancellationToken))
            {
                await revocations.RevokeFamilyAsync(id, "logout", cancellationToken);
            }
        }

        await audit.WriteAsync(AuditEventTypes.Logout, AuditLog.Success, client, userId, cancellationToken: cancellationToken);
        return Done.Value;
    }

    public async Task<Result<TokenIntrospection>> ValidateAsync(Caller caller, ValidateTokenRequest request, CancellationToken cancellationToken)
    {
        if (!caller.IsService)
        {
            return ModuleError.Forbidden("Only the RepitBot services may introspect tokens.");
        }

        if (string.IsNullOrEmpty(request.Token) || await ReadAccessTokenAsync(request.Token) is not { } token)
        {
            return TokenIntrospection.Inactive;
        }

        if (await revocations.IsRevokedAsync(token.Jti, token.Sid, cancellationToken))
        {
            return TokenIntrospection.Inactive;
        }

        var active = await userStatus.IsActiveAsync(token.UserId, token.IssuedAt, async id =>
        {
            var user = await users.GetUserAsync(Self, id, cancellationToken);
            return user.Error is { Kind: ErrorKind.Unavailable } ? null
                : user.IsSuccess && user.Value.IsActive ? new UserStatus(user.Value.Role, user.Value.CodeIssuedAt)
                : UserStatus.Gone;
        }, token.Role);
        if (active is null)
        {
            // Not knowing is not "inactive": the caller may try elsewhere, and nobody is logged out by an outage.
            return ModuleError.Unavailable("Tokens cannot be checked right now.");
        }

        if (active is false)
        {
            return TokenIntrospection.Inactive;
        }

        return new TokenIntrospection(true, token.UserId, token.Role, new DateTimeOffset(token.ExpiresAt).ToUnixTimeSeconds(), new DateTimeOffset(token.IssuedAt).ToUnixTimeSeconds(), token.Jti, token.Sid);
    }

    public async Task<Result<PermissionDecision>> CheckPermissionAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Resource is null || !PermissionName().IsMatch(request.Resource))
        {
            errors["resource"] = ["'resource' is required: a name of lower-case letters and underscores, such as students."];
        }

        if (request.Action is null || !PermissionName().IsMatch(request.Action))
        {
            errors["action"] = ["'action' is required: a name of lower-case letters and underscores, such as read."];
        }

        if (request.ResourceOwnerId is <= 0)
        {
            errors["resource_owner_id"] = ["'resource_owner_id' must be a positive user id."];
        }

        if (errors.Count > 0)
        {
            return ModuleError.Invalid(errors);
        }

        var usersUnavailable = false;
        var decision = await PermissionEvaluator.DecideAsync(caller, request.Resource!, request.Action!, request.ResourceOwnerId, async (id, token) =>
        {
            var user = await users.GetUserAsync(Self, id, token);
            usersUnavailable = user.Error is { Kind: ErrorKind.Unavailable };
            return user.IsSuccess ? user.Value : null;
        }, cancellationToken);
        if (usersUnavailable)
        {
            return ModuleError.Unavailable("Permissions cannot be checked right now.");
        }

        if (!decision.Allowed)
        {
            await audit.WriteAsync(AuditEventTypes.PermissionDenied, AuditLog.Failure, client, caller.UserId, detail: Truncate($"{request.Action} {request.Resource} {request.ResourceOwnerId}"), cancellationToken: cancellationToken);
        }

        return decision;
    }

    public async Task<Result<AuditPage>> GetAuditAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken)
    {
        if (!PermissionTable.ScopeOf(caller, PermissionResources.AuditLog, PermissionActions.Read).HasFlag(PermissionScope.All))
        {
            return ModuleError.Forbidden("Only admins may read the audit log.");
        }

        var errors = new Dictionary<string, string[]>();
        if (query.Page is < 1 or > 1_000_000)
        {
            errors["page"] = ["'page' must be from 1 to 1000000."];
        }

        if (query.Size is < 1 or > AuditQuery.MaxSize)
        {
            errors["size"] = [$"'size' must be from 1 to {AuditQuery.MaxSize}."];
        }

        if (query.EventType is { } type && !AuditEventTypes.All.Contains(type))
        {
            errors["event_type"] = [$"'event_type' must be one of {string.Join(", ", AuditEventTypes.All.Order(StringComparer.Ordinal))}."];
        }

        if (errors.Count > 0)
        {
            return ModuleError.Invalid(errors);
        }

        var events = db.AuditEvents.AsNoTracking();
        if (query.UserId is { } userId)
        {
            events = events.Where(e => e.UserId == userId);
        }

        if (query.EventType is { } eventType)
        {
            events = events.Where(e => e.EventType == eventType);
        }

        var total = await events.CountAsync(cancellationToken);
        var page = await events.OrderByDescending(e => e.Id).Skip((query.Page - 1) * query.Size).Take(query.Size)
            .Select(e => new AuditEventDto(e.Id, e.OccurredAt, e.EventType, e.Outcome, e.UserId, e.TelegramId, e.ClientAddress, e.CodeLookupId, e.Detail))
            .ToListAsync(cancellationToken);
        return new AuditPage(page, total, query.Page, query.Size, (int)Math.Ceiling(total / (double)query.Size));
    }

    private async Task GrantTelegramAsync(long userId, long telegramId, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var updated = await db.TelegramGrants.Where(g => g.UserId == userId && g.TelegramId == telegramId)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.GrantedAt, now), cancellationToken);
        if (updated == 0)
        {
            db.TelegramGrants.Add(new TelegramGrant { UserId = userId, TelegramId = telegramId, GrantedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A parallel login granted it first.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<TokenPair> StartSessionAsync(UserDto user, long? telegramId, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var family = new TokenFamily { Id = Guid.NewGuid(), UserId = user.Id, TelegramId = telegramId, CreatedAt = now, ExpiresAt = now + jwt.RefreshTokenLifetime };
        var refresh = RefreshTokenValue.New();
        db.TokenFamilies.Add(family);
        db.RefreshTokens.Add(new RefreshToken { Id = Guid.NewGuid(), FamilyId = family.Id, TokenHash = RefreshTokenValue.Hash(refresh), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var access = issuer.Issue(user.Id, user.Role, family.Id);
        return Pair(access.Token, refresh, user);
    }

    private async Task<Result<TokenPair>> RefuseReplayAsync(TokenFamily family, TimeSpan sinceConsumed, ClientInfo client, CancellationToken cancellationToken)
    {
        if (sinceConsumed <= AuthSettings.ReuseGrace)
        {
            // A parallel retry of the same refresh: refused, but no theft is assumed.
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: "token already used (parallel retry)", cancellationToken: cancellationToken);
            return RefreshRefused;
        }

        await revocations.RevokeFamilyAsync(family.Id, "refresh token reuse", cancellationToken);
        await audit.WriteAsync(AuditEventTypes.ReuseDetected, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: "a consumed refresh token was presented again; the session was revoked", cancellationToken: cancellationToken);
        return RefreshRefused;
    }

    private TokenPair Pair(string accessToken, string refreshToken, UserDto user) =>
        new(accessToken, refreshToken, TokenPair.BearerType, (int)jwt.AccessTokenLifetime.TotalSeconds, user.Id, user.Role);

    private async Task<(long UserId, UserRole Role, string Jti, string? Sid, DateTime ExpiresAt, DateTime IssuedAt)?> ReadAccessTokenAsync(string token)
    {
        var result = await tokenReader.Handler.ValidateTokenAsync(token, tokenReader.Parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwtToken)
        {
            return null;
        }

        var caller = Caller.FromPrincipal(new System.Security.Claims.ClaimsPrincipal(result.ClaimsIdentity));
        if (caller is not { UserId: { } userId, Role: { } role } || !jwtToken.TryGetPayloadValue<string>(RepitBotClaims.TokenId, out var jti))
        {
            return null;
        }

        jwtToken.TryGetPayloadValue<string>(RepitBotClaims.SessionId, out var sid);
        return (userId, role, jti, sid, jwtToken.ValidTo, jwtToken.IssuedAt);
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex PermissionName();
}
