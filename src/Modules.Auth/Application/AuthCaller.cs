using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Auth.Application;

/// <summary>Who Auth is when it asks Users for itself: to check a code, or whether a user is still active.</summary>
internal static class AuthCaller
{
    public static readonly Caller Self = Caller.Service(ServiceNames.Auth);
}
