using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Users.AccessCodes;
using RepitBot.Modules.Users.Application;
using RepitBot.Modules.Users.Endpoints;
using RepitBot.Modules.Users.Idempotency;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Modules.Users.Remote;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Modules;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Routing;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Users;

/// <summary>
/// The Users module's one public entry: every role that hosts Users calls these methods, and the module brings the
/// platform all it needs to know of it (its name and routed contract, its settings, its store, migrations and health).
/// </summary>
public static class UsersModule
{
    /// <summary>The module's name: its flags are USERS_ENABLE_MICROSERVICES and USERS_FALLBACK_TO_MONOLITH.</summary>
    public const string Name = "users";

    /// <summary>Where the User Service runs, for the roles that reach Users remotely.</summary>
    public const string ServiceUrlSetting = "USER_SERVICE_URL";

    /// <summary>The module's store; role bot carries the module as its fallback when this is set.</summary>
    public const string DatabaseUrlSetting = UsersSettings.DatabaseUrlSetting;

    public const string HealthCheckName = "users_database";

    /// <summary>Who the module is when it calls another (its bearer checks introspect tokens at Auth), and its key's setting.</summary>
    public static ServiceIdentity Identity { get; } = new(ServiceNames.Users, "USERS_SERVICE_KEY");

    /// <summary>
    /// The module in process. <paramref name="asFallback"/>: a copy that only stands in for the User Service when it
    /// fails (role bot), which leaves the service's start-up work (creating the first admin and printing its code) to it.
    /// </summary>
    public static IServiceCollection AddUsersModule(this IServiceCollection services, IConfiguration configuration, bool asFallback = false)
    {
        var settings = UsersSettings.Load(configuration);
        services.AddSingleton(settings);

        services.AddModuleDatabase<UsersDbContext, PostgresUsersDbContext, SqliteUsersDbContext>(Name, settings.Database, HealthCheckName);
        services.AddSingleton<AccessCodeHasher>();
        services.AddSingleton<StoredHashCost>();
        services.AddScoped<UserLookup>();
        services.AddScoped<AccessCodeIssuer>();
        services.AddScoped<UserQueries>();
        services.AddScoped<IdempotentWrites>();
        services.AddScoped<CreateUserHandler>();
        services.AddScoped<UpdateUserHandler>();
        services.AddScoped<DeleteUserHandler>();
        services.AddScoped<ReissueAccessCodeHandler>();
        services.AddScoped<ParentLinksHandler>();
        services.AddScoped<ValidateAccessCodeHandler>();
        services.AddKeyedScoped<IUsersModule, LocalUsersModule>(ModuleImplementation.Local);
        services.AddRoutedModule<IUsersModule, RoutedUsersModule>(Name);
        services.AddSingleton<AdminBootstrapper>();
        if (!asFallback)
        {
            services.AddHostedService<UsersStartup>();
        }

        return services;
    }

    /// <summary>
    /// The User Service over HTTP at USER_SERVICE_URL, for roles that reach Users remotely (and role all, where the
    /// flags pick per call). Does nothing when the URL is not set.
    /// </summary>
    public static IServiceCollection AddUsersClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (SettingReader.AbsoluteHttpUrl(configuration, ServiceUrlSetting) is not { } url)
        {
            return services;
        }

        services.AddRemoteModuleClient<IUsersApi>(Name, url, configuration);
        services.AddKeyedScoped<IUsersModule, UsersModuleClient>(ModuleImplementation.Remote);
        services.AddRoutedModule<IUsersModule, RoutedUsersModule>(Name);
        return services;
    }

    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/users")
            .WithTags("Users")
            .RequireAuthorization();

        ListUsersEndpoint.Map(users);
        ListUserSummariesEndpoint.Map(users);
        CreateUserEndpoint.Map(users);
        GetUserEndpoint.Map(users);
        UpdateUserEndpoint.Map(users);
        DeleteUserEndpoint.Map(users);
        ReissueAccessCodeEndpoint.Map(users);
        LinkParentEndpoint.Map(users);
        UnlinkParentEndpoint.Map(users);
        GetUserByTelegramIdEndpoint.Map(users);
        ValidateAccessCodeEndpoint.Map(users);
        return endpoints;
    }
}
