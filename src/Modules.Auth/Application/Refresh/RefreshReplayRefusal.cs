using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Auth.Application.Refresh;

/// <summary>
/// Refuses a refresh token that was already consumed. Within <see cref="AuthSettings.ReuseGrace"/> it is taken for a
/// parallel retry and only refused; later it is taken for a stolen token, and the whole session ends.
/// </summary>
internal sealed class RefreshReplayRefusal(RevocationStore revocations, AuditLog audit)
{
    public async Task<Result<TokenPair>> RefuseAsync(TokenFamily family, TimeSpan sinceConsumed, ClientInfo client, CancellationToken cancellationToken)
    {
        if (sinceConsumed <= AuthSettings.ReuseGrace)
        {
            // A parallel retry of the same refresh: refused, but no theft is assumed.
            await audit.WriteAsync(AuditEventTypes.RefreshFailed, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: "token already used (parallel retry)", cancellationToken: cancellationToken);
            return Refusals.Refresh;
        }

        await revocations.RevokeFamilyAsync(family.Id, "refresh token reuse", cancellationToken);
        await audit.WriteAsync(AuditEventTypes.ReuseDetected, AuditLog.Failure, client, family.UserId, family.TelegramId, detail: "a consumed refresh token was presented again; the session was revoked", cancellationToken: cancellationToken);
        return Refusals.Refresh;
    }
}
