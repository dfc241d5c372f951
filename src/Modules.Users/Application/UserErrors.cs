using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Users.Application;

/// <summary>Answers that more than one use case gives.</summary>
internal static class UserErrors
{
    public static ModuleError NotFound(long userId) => ModuleError.NotFound($"User {userId} was not found.");
}
