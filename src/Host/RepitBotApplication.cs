using RepitBot.Host.LocalChat;
using RepitBot.Modules.Auth;
using RepitBot.Modules.Bot;
using RepitBot.Modules.Users;
using RepitBot.Shared.Platform;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Logging;

namespace RepitBot.Host;

/// <summary>
/// Composes the host for a role: the shared platform plus the modules the role hosts, each through its one
/// registration class. Every role and every command builds the application here, so there is one copy of the wiring.
/// </summary>
internal static partial class RepitBotApplication
{
    public static WebApplication Build(string[] args, bool serving = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The copy of the repository's appsettings.json sits beside the binary; the working directory stays
            // free for ./data, so `dotnet run --project src/Host` behaves the same from anywhere.
            ContentRootPath = AppContext.BaseDirectory,
        });

        var role = HostRoles.From(builder.Configuration);
        if (role == HostRole.Auth && SettingReader.String(builder.Configuration, UsersModule.ServiceUrlSetting) is null)
        {
            // The Auth Service reaches Users only through the Users contract: standalone, that is the User Service.
            throw new InvalidSettingException(UsersModule.ServiceUrlSetting, "is required in role 'auth': the Auth Service checks access codes through the User Service (for example http://user-service:8001).");
        }

        if (role is HostRole.Users or HostRole.Bot && SettingReader.String(builder.Configuration, AuthModule.ServiceUrlSetting) is null && serving)
        {
            // Every bearer token is checked against revocations by the Auth module; without it none could be trusted.
            throw new InvalidSettingException(AuthModule.ServiceUrlSetting, $"is required in role '{role.ToString().ToLowerInvariant()}': access tokens are checked against the Auth Service (for example http://auth-service:8002).");
        }

        if (serving)
        {
            // What the JIT compiles from here on is what the next start replays on a spare core (ADR 0022).
            StartupJitProfile.StartIfTheFolderExists(builder.Configuration, role);
        }

        builder.Logging.AddRepitBotLogFormat(builder.Configuration);
        if (SettingReader.Boolean(builder.Configuration, SettingNames.Debug, defaultValue: false))
        {
            // A rule, not SetMinimumLevel: the configured "Default" rule would win over a minimum level. Added after the
            // configuration's rules, this one wins over their default; a category configured on its own keeps its level.
            builder.Logging.AddFilter((string?)null, LogLevel.Debug);
        }

        if (!HasExplicitUrls(builder.Configuration))
        {
            var (host, port) = role.DefaultAddress(builder.Configuration);
            builder.WebHost.UseUrls($"http://{host}:{port}");
        }

        if (SettingReader.String(builder.Configuration, HostSettingNames.RetiredInternalApiKey) is not null)
        {
            // One key shared by every role made its holder all-powerful; each service has its own key now.
            throw new InvalidSettingException(HostSettingNames.RetiredInternalApiKey, $"is no longer used: each service identity has its own key, {UsersModule.Identity.KeySetting}, {AuthModule.Identity.KeySetting} and {BotModule.Identity.KeySetting} (see the README's Security section); remove it.");
        }

        builder.Services.AddRepitBotPlatform(builder.Configuration, builder.Environment);
        foreach (var (identity, use) in role.ServiceIdentities(builder.Configuration))
        {
            builder.Services.AddServiceIdentity(identity, use, builder.Configuration);
        }

        // A module hosted here gets its in-process implementation; any other role reaches it over HTTP when its URL
        // is set, and role all may have both, chosen per call by the flags. Role bot carries Users and Auth in process
        // too when it is given their stores, so hybrid mode can fall back in the bot's own process; their endpoints
        // stay with the services.
        var usersFallback = role.CarriesUsersFallback(builder.Configuration);
        var authFallback = role.CarriesAuthFallback(builder.Configuration);
        if (role.HostsUsers() || usersFallback)
        {
            builder.Services.AddUsersModule(builder.Configuration, asFallback: usersFallback);
        }

        if (role != HostRole.Users)
        {
            builder.Services.AddUsersClient(builder.Configuration);
        }

        if (role.HostsAuth() || authFallback)
        {
            builder.Services.AddAuthModule(builder.Configuration);
        }

        if (role != HostRole.Auth)
        {
            builder.Services.AddAuthClient(builder.Configuration);
        }

        // The User Service checks the bearer tokens of its requests itself, from a copy of Auth's revocations.
        if (role == HostRole.Users)
        {
            builder.Services.AddAuthReplica(builder.Configuration);
        }

        // Before the bot reads its settings: without a Telegram token, the local chat gives it this host's own Bot API.
        var localChat = serving ? LocalChatHosting.Plan(role, builder.Configuration, builder.Environment) : null;
        if (localChat is not null)
        {
            builder.AddLocalChat(localChat);
        }

        if (role.HostsBot())
        {
            builder.Services.AddBotModule(builder.Configuration);
        }

        var app = builder.Build();
        app.UseRepitBotPlatform();

        // After the platform's checks of its settings, so a bad setting is still the first line a start prints.
        if (role == HostRole.Bot && serving)
        {
            AnnounceFallbacks(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RepitBotApplication)), usersFallback, authFallback);
        }

        if (role.HostsUsers())
        {
            app.MapUsersEndpoints();
        }

        if (role.HostsAuth())
        {
            app.MapAuthEndpoints();
        }

        if (role.HostsBot())
        {
            app.MapBotEndpoints();
        }

        if (localChat is not null)
        {
            app.MapLocalChat(localChat);
        }

        if (serving)
        {
            // A first start in a new data folder: once every setting has been checked (a refused start leaves no folder
            // behind), and before the start's main work, EF Core's models and migrations.
            StartupJitProfile.Start(app.Configuration, role);
        }

        return app;
    }

    /// <summary>
    /// One line at the start of role bot: which modules it can serve in process when their service fails (hybrid mode),
    /// and for which it cannot, with the setting that would give it the fallback. /health says the same per module.
    /// </summary>
    private static void AnnounceFallbacks(ILogger logger, bool users, bool auth)
    {
        if (users && auth)
        {
            LogFallbacks(logger);
            return;
        }

        var missing = new List<(string Module, string Setting)>();
        if (!users)
        {
            missing.Add((UsersModule.Name, UsersModule.DatabaseUrlSetting));
        }

        if (!auth)
        {
            missing.Add((AuthModule.Name, AuthModule.DatabaseUrlSetting));
        }

        LogNoFallback(logger, string.Join(", ", missing.Select(m => m.Module)), string.Join(", ", missing.Select(m => m.Setting)));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Role bot carries in-process fallbacks for users and auth: in hybrid mode a failed service's calls are served here")]
    private static partial void LogFallbacks(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Role bot has no in-process fallback for {Modules}: when that service fails, the bot's calls to it fail; set {Settings} (the services' own databases) to fall back in hybrid mode")]
    private static partial void LogNoFallback(ILogger logger, string modules, string settings);

    public static bool HasExplicitUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]) || !string.IsNullOrWhiteSpace(configuration["ASPNETCORE_URLS"]);
}
