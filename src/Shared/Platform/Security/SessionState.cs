namespace RepitBot.Shared.Platform.Security;

/// <summary>What an <see cref="ISessionCheck"/> answers about one access token.</summary>
public enum SessionState
{
    Active,

    Ended,

    /// <summary>Nobody could tell right now: the honest answer to the client is 503, not "logged out".</summary>
    Unknown,
}
