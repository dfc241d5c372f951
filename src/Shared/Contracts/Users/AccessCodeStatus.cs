namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// Why a code was or was not accepted. Only the trusted modules see anything but <see cref="Valid"/> versus the rest:
/// an end user is always told the same thing for every failure.
/// </summary>
public enum AccessCodeStatus
{
    Valid,
    Invalid,
    Inactive,
    TelegramMismatch,
    TelegramTaken,
}
