namespace RepitBot.Shared.Contracts.Results;

/// <summary>
/// A failure as a value. <see cref="Detail"/> is a sentence fit for a client; <see cref="Errors"/> holds
/// per-field messages for validation failures, keyed by the field's wire name.
/// </summary>
public sealed record ModuleError(ErrorKind Kind, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static ModuleError NotFound(string detail) => new(ErrorKind.NotFound, detail);

    public static ModuleError Forbidden(string detail) => new(ErrorKind.Forbidden, detail);

    public static ModuleError Conflict(string detail) => new(ErrorKind.Conflict, detail);

    public static ModuleError Unavailable(string detail) => new(ErrorKind.Unavailable, detail);

    public static ModuleError Invalid(string field, string message) =>
        new(ErrorKind.Validation, "One or more fields are invalid.", new Dictionary<string, string[]> { [field] = [message] });

    public static ModuleError Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ErrorKind.Validation, "One or more fields are invalid.", errors);
}
