using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RepitBot.Modules.Auth.Application;
using RepitBot.Modules.Auth.Application.CheckPermission;
using RepitBot.Modules.Auth.Application.Login;
using RepitBot.Modules.Auth.Application.Logout;
using RepitBot.Modules.Auth.Application.ReadAuditLog;
using RepitBot.Modules.Auth.Application.ReadRevocations;
using RepitBot.Modules.Auth.Application.Refresh;
using RepitBot.Modules.Auth.Application.TelegramLink;
using RepitBot.Modules.Auth.Application.TelegramLogin;
using RepitBot.Modules.Auth.Application.ValidateToken;
using RepitBot.Modules.Auth.Audit;
using RepitBot.Modules.Auth.Endpoints;
using RepitBot.Modules.Auth.Lockout;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Modules.Auth.Remote;
using RepitBot.Modules.Auth.Retention;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Modules.Auth.Sessions;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Modules;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Routing;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth;

/// <summary>
/// The Auth module's one public entry: every role that hosts Auth calls these methods, and the module brings the
/// platform all it needs to know of it (its name and routed contract, its settings, its store, migrations and health,
/// and the session check every bearer token goes through).
/// </summary>
public static class AuthModule
{
    /// <summary>The module's name: its flags are AUTH_ENABLE_MICROSERVICES and AUTH_FALLBACK_TO_MONOLITH.</summary>
    public const string Name = "auth";

    /// <summary>Where the Auth Service runs, for the roles that reach Auth remotely.</summary>
    public const string ServiceUrlSetting = "AUTH_SERVICE_URL";

    /// <summary>The module's store; role bot carries the module as its fallback when this is set.</summary>
    public const string DatabaseUrlSetting = AuthSettings.DatabaseUrlSetting;

    public const string HealthCheckName = "auth_database";

    /// <summary>Who the module is when it calls another (it checks codes and reads users at Users), and its key's setting.</summary>
    public static ServiceIdentity Identity { get; } = new(ServiceNames.Auth, "AUTH_SERVICE_KEY");

    public static IServiceCollection AddAuthModule(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = AuthSettings.Load(configuration);
        services.AddSingleton(settings);
        services.AddModuleDatabase<AuthDbContext, PostgresAuthDbContext, SqliteAuthDbContext>(Name, settings.Database, HealthCheckName);

        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenReader>();
        services.AddSingleton<SuccessorTokens>();
        services.AddSingleton<LoginGate>();
        services.AddSingleton<UserStatusCache>();
        services.AddHealthChecks().AddCheck<UserStatusHealthCheck>(UserStatusHealthCheck.Name, HealthStatus.Degraded);
        services.AddSingleton<InMemoryLoginAttemptStore>();
        services.AddSingleton(provider => new LocalDenylist(provider.GetRequiredService<TimeProvider>(), TimeProvider.System, settings.RevocationMaxStaleness));

        services.AddScoped<AuditLog>();
        services.AddScoped<TokenPairIssuer>();
        services.AddScoped<TelegramGrants>();
        services.AddScoped<RefreshReplayRefusal>();
        services.AddScoped<LoginHandler>();
        services.AddScoped<TelegramLinkHandler>();
        services.AddScoped<TelegramLoginHandler>();
        services.AddScoped<RefreshHandler>();
        services.AddScoped<LogoutHandler>();
        services.TryAddScoped<ValidatedAccessToken>();
        services.AddScoped<ValidateTokenHandler>();
        services.AddScoped<ReadRevocationsHandler>();
        services.AddScoped<CheckPermissionHandler>();
        services.AddScoped<ReadAuditLogHandler>();
        services.AddKeyedScoped<IAuthModule, AuthModuleFacade>(ModuleImplementation.Local);
        services.AddRoutedModule<IAuthModule, RoutedAuthModule>(Name);
        services.TryAddScoped<ISessionCheck, AuthSessionCheck>();
        services.TryAddScoped<IPersonSessionCheck, AuthSessionCheck>();

        // Redis, when configured, holds the lockout counters and the denylist's fast path; the database stays the truth.
        if (SettingReader.String(configuration, SettingNames.RedisUrl) is not null)
        {
            services.AddSingleton<ILoginAttemptStore, RedisLoginAttemptStore>();
            services.AddSingleton<RedisDenylist>();
            services.AddHostedService<DenylistSynchronizer>();
        }
        else
        {
            services.AddSingleton<ILoginAttemptStore>(provider => provider.GetRequiredService<InMemoryLoginAttemptStore>());
        }

        // Both take the RedisDenylist when it is registered (an optional constructor parameter); the container builds
        // them without reflection per request.
        services.AddScoped<RevocationStore>();
        services.AddSingleton<IRevocationSource, DatabaseRevocationSource>();
        services.AddHostedService<LocalDenylistRefresher>();

        services.AddSingleton<LoginRateLimiter>();
        services.AddHostedService<AuthRetention>();
        return services;
    }

    /// <summary>The Auth Service over HTTP at AUTH_SERVICE_URL; does nothing when the URL is not set.</summary>
    public static IServiceCollection AddAuthClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (SettingReader.AbsoluteHttpUrl(configuration, ServiceUrlSetting) is not { } url)
        {
            return services;
        }

        services.AddRemoteModuleClient<IAuthApi>(Name, url, configuration);
        services.AddKeyedScoped<IAuthModule, AuthModuleClient>(ModuleImplementation.Remote);
        services.TryAddScoped<ValidatedAccessToken>();
        services.AddRoutedModule<IAuthModule, RoutedAuthModule>(Name);
        services.TryAddScoped<ISessionCheck, AuthSessionCheck>();
        services.TryAddScoped<IPersonSessionCheck, AuthSessionCheck>();
        return services;
    }

    /// <summary>
    /// For the User Service, which hosts Users but not Auth: bearer tokens are checked from a copy of Auth's revocations
    /// (the Auth Service's feed and Redis' announcements) and the users hosted here, and the Auth Service is asked only
    /// while the copy is not recent (ADR 0026). Call after <see cref="AddAuthClient"/>; without AUTH_SERVICE_URL it
    /// does nothing.
    /// </summary>
    public static IServiceCollection AddAuthReplica(this IServiceCollection services, IConfiguration configuration)
    {
        if (SettingReader.AbsoluteHttpUrl(configuration, ServiceUrlSetting) is null)
        {
            return services;
        }

        var settings = AuthSettings.Load(configuration);
        services.TryAddSingleton(settings);
        services.AddSingleton(provider => new LocalDenylist(provider.GetRequiredService<TimeProvider>(), TimeProvider.System, settings.RevocationMaxStaleness));
        services.AddSingleton<UserStatusCache>();
        services.AddSingleton<IRevocationSource>(provider => new AuthServiceRevocationSource(provider.GetRequiredService<IServiceScopeFactory>(), Caller.Service(ServiceNames.Users)));
        if (SettingReader.String(configuration, SettingNames.RedisUrl) is not null)
        {
            services.TryAddSingleton<RedisDenylist>();
        }

        services.AddHostedService<LocalDenylistRefresher>();
        services.TryAddScoped<AuthSessionCheck>();
        services.AddSingleton<ReplicaSessionCheck.Metrics>();
        services.Replace(ServiceDescriptor.Scoped<ISessionCheck, ReplicaSessionCheck>());
        return services;
    }

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/v1/auth")
            .WithTags("Auth")
            .RequireAuthorization();

        LoginEndpoint.Map(auth);
        RefreshEndpoint.Map(auth);
        LogoutEndpoint.Map(auth);
        ValidateTokenEndpoint.Map(auth);
        RevocationsEndpoint.Map(auth);
        CheckPermissionEndpoint.Map(auth);
        TelegramLinkEndpoint.Map(auth);
        TelegramLoginEndpoint.Map(auth);
        AuditEndpoint.Map(auth);
        return endpoints;
    }
}
