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

    public static bool HostsUsers(this HostRole role) => role is HostRole.All or HostRole.Users;

    public static bool HostsAuth(this HostRole role) => role is HostRole.All or HostRole.Auth;

    public static bool HostsBot(this HostRole role) => role is HostRole.All or HostRole.Bot;

    /// <summary>
    /// The service identities a role's process knows: it presents the key of each module it hosts, and accepts only the
    /// keys of the modules that call what it hosts (Auth calls Users; Users and the bot call Auth). The bot holds no key
    /// but its own, and the User Service none of the bot's.
    /// </summary>
    public static IEnumerable<(ServiceIdentity Identity, ServiceKeyUse Use)> ServiceIdentities(this HostRole role)
    {
        if (role.HostsUsers())
        {
            yield return (UsersModule.Identity, ServiceKeyUse.Present);
        }
        else if (role.HostsAuth())
        {
            yield return (UsersModule.Identity, ServiceKeyUse.Verify);
        }

        if (role.HostsAuth())
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
