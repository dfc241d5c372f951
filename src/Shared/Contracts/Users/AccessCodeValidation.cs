namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// The answer to a code check. <see cref="LookupId"/> is the code's public part (never the secret), so the caller can
/// count failures per code. <see cref="User"/> is set when the code's owner is known, even if the check failed.
/// </summary>
public sealed record AccessCodeValidation(AccessCodeStatus Status, string? LookupId, UserDto? User, bool TelegramLinked)
{
    public bool Valid => Status == AccessCodeStatus.Valid;
}
