namespace RepitBot.Shared.Contracts.Results;

/// <summary>The kinds of failure a contract call can answer with; each maps to one HTTP status and back.</summary>
public enum ErrorKind
{
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Unavailable,
}
