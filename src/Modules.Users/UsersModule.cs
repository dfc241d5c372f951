using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RepitBot.Modules.Users.AccessCodes;
using RepitBot.Modules.Users.Application;
using RepitBot.Modules.Users.Endpoints;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Modules.Users.Remote;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Routing;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Health;
using RepitBot.Shared.Platform.Modules;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users;

/// <summary>The Users module's one public entry: every role that hosts Users calls these two methods.</summary>
public static class UsersModule
{
    public const string HealthCheckName = "users_database";

    public static IServiceCollection AddUsersModule(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = UsersSettings.Load(configuration);
        services.AddSingleton(settings);

        services.AddModuleDatabase<UsersDbContext, PostgresUsersDbContext, SqliteUsersDbContext>(ModuleNames.Users, settings.Database, HealthCheckName);
        services.AddSingleton<AccessCodeHasher>();
        services.AddScoped<UserLookup>();
        services.AddScoped<AccessCodeIssuer>();
        services.AddScoped<UserQueries>();
        services.AddScoped<CreateUserHandler>();
        services.AddScoped<UpdateUserHandler>();
        services.AddScoped<DeleteUserHandler>();
        services.AddScoped<ReissueAccessCodeHandler>();
        services.AddScoped<ParentLinksHandler>();
        services.AddScoped<ValidateAccessCodeHandler>();
        services.AddKeyedScoped<IUsersModule, LocalUsersModule>(ModuleImplementation.Local);
        services.TryAddScoped<IUsersModule, RoutedUsersModule>();
        services.AddSingleton<AdminBootstrapper>();
        services.AddHostedService<UsersStartup>();
        return services;
    }

    /// <summary>
    /// The User Service over HTTP at USER_SERVICE_URL, for roles that reach Users remotely (and role all, where the
    /// flags pick per call). Does nothing when the URL is not set.
    /// </summary>
    public static IServiceCollection AddUsersClient(this IServiceCollection services, IConfiguration configuration)
    {
        if (SettingReader.AbsoluteHttpUrl(configuration, SettingNames.UserServiceUrl) is not { } url)
        {
            return services;
        }

        services.AddRemoteModuleClient<IUsersApi>(ModuleNames.Users, url, configuration);
        services.AddKeyedScoped<IUsersModule, UsersModuleClient>(ModuleImplementation.Remote);
        services.TryAddScoped<IUsersModule, RoutedUsersModule>();
        return services;
    }

    public static IEndpointRouteBuilder MapUsersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/api/v1/users")
            .WithTags("Users")
            .RequireAuthorization();

        ListUsersEndpoint.Map(users);
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
