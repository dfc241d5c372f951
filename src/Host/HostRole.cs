using RepitBot.Modules.Auth;
using RepitBot.Modules.Bot;
using RepitBot.Modules.Users;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Host;

/// <summary>What one process of the host binary runs: everything, or one module as its own service.</summary>
internal enum HostRole
{
    All,
    Users,
    Auth,
    Bot,
}

internal static class HostRoles
{
    public static HostRole From(IConfiguration configuration)
    {
        var value = SettingReader.String(configuration, HostSettingNames.RoleArgument) ?? SettingReader.String(configuration, HostSettingNames.Role) ?? "all";
        return value.ToLowerInvariant() switch
        {
            "all" => HostRole.All,
            "users" => HostRole.Users,
            "auth" => HostRole.Auth,
            "bot" => HostRole.Bot,
            _ => throw new InvalidSettingException(HostSettingNames.Role, $"unknown role '{value}'; use all, users, auth or bot (--role or REPITBOT_ROLE)."),
        };
    }

    /// <summary>Whether the role serves the Users module: its endpoints, its admin bootstrap, its store.</summary>
    public static bool HostsUsers(this HostRole role) => role is HostRole.All or HostRole.Users;

    public static bool HostsAuth(this HostRole role) => role is HostRole.All or HostRole.Auth;

    public static bool HostsBot(this HostRole role) => role is HostRole.All or HostRole.Bot;

    /// <summary>
    /// Whether role bot carries the in-process Users module as its fallback in hybrid mode: when it is given the User
    /// Service's own store (the fallback must see the same data). It maps no endpoints; it serves the bot's calls only.
    /// </summary>
    public static bool CarriesUsersFallback(this HostRole role, IConfiguration configuration) =>
        role == HostRole.Bot && SettingReader.String(configuration, UsersModule.DatabaseUrlSetting) is not null;

    /// <summary>The same for Auth, when role bot is given the Auth Service's store.</summary>
    public static bool CarriesAuthFallback(this HostRole role, IConfiguration configuration) =>
        role == HostRole.Bot && SettingReader.String(configuration, AuthModule.DatabaseUrlSetting) is not null;

    /// <summary>
    /// The service identities a role's process knows: it presents the key of each module it hosts, and accepts only the
    /// keys of the modules that call what it hosts (Auth calls Users; Users and the bot call Auth). The bot holds no key
    /// but its own, and the User Service none of the bot's. A bot carrying the Auth fallback also presents Auth's key:
    /// that module calls the User Service as itself. Its Users fallback needs none: it maps no endpoints, so it makes
    /// no bearer checks (the bot checks its people's tokens as itself), and it calls nobody.
    /// </summary>
    public static IEnumerable<(ServiceIdentity Identity, ServiceKeyUse Use)> ServiceIdentities(this HostRole role, IConfiguration configuration)
    {
        if (role.HostsUsers())
        {
            yield return (UsersModule.Identity, ServiceKeyUse.Present);
        }
        else if (role.HostsAuth())
        {
            yield return (UsersModule.Identity, ServiceKeyUse.Verify);
        }

        if (role.HostsAuth() || role.CarriesAuthFallback(configuration))
        {
            yield return (AuthModule.Identity, ServiceKeyUse.Present);
        }
        else if (role.HostsUsers())
        {
            yield return (AuthModule.Identity, ServiceKeyUse.Verify);
        }

        if (role.HostsBot())
        {
            yield return (BotModule.Identity, ServiceKeyUse.Present);
        }
        else if (role.HostsAuth())
        {
            yield return (BotModule.Identity, ServiceKeyUse.Verify);
        }
    }

    /// <summary>The address a role listens on unless ASPNETCORE_URLS says otherwise.</summary>
    public static (string Host, int Port) DefaultAddress(this HostRole role, IConfiguration configuration) => role switch
    {
        HostRole.Users => (SettingReader.String(configuration, HostSettingNames.UserServiceHost) ?? "0.0.0.0", SettingReader.Integer(configuration, HostSettingNames.UserServicePort, 8001, 1, 65535)),
        HostRole.Auth => (SettingReader.String(configuration, HostSettingNames.AuthServiceHost) ?? "0.0.0.0", SettingReader.Integer(configuration, HostSettingNames.AuthServicePort, 8002, 1, 65535)),
        HostRole.Bot => (SettingReader.String(configuration, HostSettingNames.BotHost) ?? "0.0.0.0", SettingReader.Integer(configuration, HostSettingNames.BotPort, 8003, 1, 65535)),
        _ => (SettingReader.String(configuration, HostSettingNames.ApiHost) ?? "0.0.0.0", SettingReader.Integer(configuration, HostSettingNames.ApiPort, 8080, 1, 65535)),
    };
}
