using RepitBot.Modules.Auth;
using RepitBot.Modules.Bot;
using RepitBot.Modules.Users;
using RepitBot.Shared.Configuration;
using RepitBot.Shared.Platform;

namespace RepitBot.Host;

/// <summary>
/// Composes the host for a role: the shared platform plus the modules the role hosts, each through its one
/// registration class. Every role and every command builds the application here, so there is one copy of the wiring.
/// </summary>
internal static class RepitBotApplication
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // The copy of the repository's appsettings.json sits beside the binary; the working directory stays
            // free for ./data, so `dotnet run --project src/Host` behaves the same from anywhere.
            ContentRootPath = AppContext.BaseDirectory,
        });
        configure?.Invoke(builder);

        var role = HostRoles.From(builder.Configuration);
        if (role == HostRole.Auth)
        {
            // The Auth Service reaches Users only through the Users contract; its HTTP client comes with the
            // switchable-modules work. Until then a standalone Auth Service could not check a single code.
            throw new InvalidSettingException(SettingNames.Role, "role 'auth' needs the Users module over HTTP (USER_SERVICE_URL), which this build does not have yet; run role 'all'.");
        }
        if (SettingReader.Boolean(builder.Configuration, SettingNames.Debug, defaultValue: false))
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }

        if (!HasExplicitUrls(builder.Configuration))
        {
            var (host, port) = role.DefaultAddress(builder.Configuration);
            builder.WebHost.UseUrls($"http://{host}:{port}");
        }

        builder.Services.AddSingleton(new HostRoleInfo(role.ToString().ToLowerInvariant()));
        builder.Services.AddRepitBotPlatform(builder.Configuration, builder.Environment);
        if (role.HostsUsers())
        {
            builder.Services.AddUsersModule(builder.Configuration);
        }

        if (role.HostsAuth())
        {
            builder.Services.AddAuthModule(builder.Configuration);
        }

        if (role.HostsBot())
        {
            builder.Services.AddBotModule(builder.Configuration);
        }

        var app = builder.Build();
        app.UseRepitBotPlatform();
        if (role.HostsUsers())
        {
            app.MapUsersEndpoints();
        }

        if (role.HostsAuth())
        {
            app.MapAuthEndpoints();
        }

        return app;
    }

    public static bool HasExplicitUrls(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]) || !string.IsNullOrWhiteSpace(configuration["ASPNETCORE_URLS"]);
}
