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

    /// <summary>Too many attempts from one client: wait <see cref="ModuleError.RetryAfter"/> (HTTP 429).</summary>
    TooManyRequests,

    /// <summary>Well-formed but cannot be carried out as asked, such as an idempotency key reused for another request (HTTP 422).</summary>
    Unprocessable,
}
