namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// Whether the session behind a person's kept access token still stands, for the router to ask before a module serves a
/// caller in process whose session nobody here has checked (<see cref="Contracts.Identity.Caller.SessionUnchecked"/>).
/// The module that owns sessions registers it; with none registered such a caller is refused in process.
/// </summary>
public interface IPersonSessionCheck
{
    Task<SessionState> CheckAsync(string accessToken, CancellationToken cancellationToken);
}
