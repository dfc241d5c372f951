using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Auth.Application;

/// <summary>
/// The refusals of a credential. Each is one value whatever the reason behind it, so a refusal tells nobody why: an
/// unknown, wrong, locked or deactivated code all answer <see cref="Login"/>.
/// </summary>
internal static class Refusals
{
    public static readonly ModuleError Login = new(ErrorKind.Unauthorized, "The access code is not valid.");

    public static readonly ModuleError TelegramLogin = new(ErrorKind.Unauthorized, "This Telegram account is not linked to an active user.");

    public static readonly ModuleError Refresh = new(ErrorKind.Unauthorized, "The refresh token is not valid.");

    public static readonly ModuleError AccessToken = new(ErrorKind.Unauthorized, "The access token is not valid.");
}
