using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Sessions;

/// <summary>The platform's bearer-token check, answered by the Auth module's introspection (in process or remote).</summary>
internal sealed class AuthSessionCheck(IAuthModule auth) : ISessionCheck
{
    private static readonly Caller TokenCheck = Caller.Service("token-check");

    public async Task<SessionState> CheckAsync(string accessToken, CancellationToken cancellationToken)
    {
        var result = await auth.ValidateAsync(TokenCheck, new ValidateTokenRequest(accessToken), cancellationToken);
        return result.Error is { Kind: ErrorKind.Unavailable } ? SessionState.Unknown
            : result.IsSuccess && result.Value.Active ? SessionState.Active
            : SessionState.Ended;
    }
}
