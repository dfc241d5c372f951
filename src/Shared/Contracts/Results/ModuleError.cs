namespace RepitBot.Shared.Contracts.Results;

/// <summary>
/// A failure as a value. <see cref="Detail"/> is a sentence fit for a client; <see cref="Errors"/> holds
/// per-field messages for validation failures, keyed by the field's wire name.
/// </summary>
public sealed record ModuleError(ErrorKind Kind, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>How long the client should wait before trying again (a 429's Retry-After).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// An <see cref="ErrorKind.Unavailable"/> that refused before changing anything, so the call may be made again
    /// elsewhere, a write included. Without it an unavailable write's outcome is unknown: it may have happened.
    /// </summary>
    public bool NotExecuted { get; init; }

    public static ModuleError NotFound(string detail) => new(ErrorKind.NotFound, detail);

    public static ModuleError Forbidden(string detail) => new(ErrorKind.Forbidden, detail);

    public static ModuleError Conflict(string detail) => new(ErrorKind.Conflict, detail);

    /// <summary>Unavailable, and the call may have been carried out in part: not safe to repeat elsewhere as it is.</summary>
    public static ModuleError Unavailable(string detail) => new(ErrorKind.Unavailable, detail);

    /// <summary>Unavailable before anything was changed: the caller may try the same call elsewhere.</summary>
    public static ModuleError UnavailableNothingDone(string detail) => new(ErrorKind.Unavailable, detail) { NotExecuted = true };

    public static ModuleError TooManyRequests(string detail, TimeSpan retryAfter) => new(ErrorKind.TooManyRequests, detail) { RetryAfter = retryAfter };

    public static ModuleError Unprocessable(string detail) => new(ErrorKind.Unprocessable, detail);

    public static ModuleError Invalid(string field, string message) =>
        new(ErrorKind.Validation, "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });

    public static ModuleError Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ErrorKind.Validation, "One or more fields are invalid.", errors);
}
