using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Users.Application;

internal static class CallerLabel
{
    /// <summary>Who made a change, for the log: never more than a user id or a service name.</summary>
    public static string Of(Caller caller) =>
        caller.IsService ? $"service:{caller.ServiceName}" : $"user:{caller.UserId}";
}
