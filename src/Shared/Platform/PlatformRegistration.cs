using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Prometheus;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Flags;
using RepitBot.Shared.Platform.Health;
using RepitBot.Shared.Platform.Http;
using RepitBot.Shared.Platform.Json;
using RepitBot.Shared.Platform.Logging;
using RepitBot.Shared.Platform.Modules;
using RepitBot.Shared.Platform.Redis;
using RepitBot.Shared.Platform.Routing;
using RepitBot.Shared.Platform.Security;
using StackExchange.Redis;

namespace RepitBot.Shared.Platform;

/// <summary>
/// The plumbing every role shares, registered once: JSON, errors as problem+json, authentication, /health,
/// /docs and Redis. Modules add their own services and endpoints on top.
/// </summary>
public static class PlatformRegistration
{
    public const string RedisHealthCheckName = "redis";

    public static IServiceCollection AddRepitBotPlatform(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var isDevelopment = environment.IsDevelopment();

        // Settings the switchable-modules router reads later: a bad value stops the start today, not at the first call.
        SettingReader.Boolean(configuration, FlagNames.EnableMicroservices, defaultValue: false);
        SettingReader.Boolean(configuration, FlagNames.FallbackToMonolith, defaultValue: true);
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(options => RepitBotJson.Configure(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemHeaders.Apply);
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        // The service identities' keys are added by the host, which knows what each role runs (AddServiceIdentity).
        services.AddRepitBotAuthentication(JwtSettings.Load(configuration, isDevelopment), new ServiceKeys(isDevelopment));
        services.AddOpenApi(options => options.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        services.AddOutputCache();
        services.AddHostedService<MigrationsOnStart>();
        services.AddModuleRouting(configuration);

        services.AddSingleton(HealthDetailAccess.Load(configuration));

        // Read now, so a bad proxy list stops the start with its setting's name.
        services.AddSingleton(ForwardedClientAddress.Options(configuration));

        var health = services.AddHealthChecks();
        var redisUrl = SettingReader.String(configuration, SettingNames.RedisUrl);
        if (redisUrl is not null)
        {
            var redisOptions = RedisUrl.Parse(SettingNames.RedisUrl, redisUrl);
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
            health.AddCheck<RedisHealthCheck>(RedisHealthCheckName, HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(3));
        }

        return services;
    }

    /// <summary>
    /// Makes this process present <paramref name="identity"/>'s key (its module runs here) or accept it (it calls a
    /// module that runs here). The setting is read and checked now, so a missing or weak key stops the start.
    /// </summary>
    public static IServiceCollection AddServiceIdentity(this IServiceCollection services, ServiceIdentity identity, ServiceKeyUse use, IConfiguration configuration)
    {
        var keys = services.Select(service => service.ImplementationInstance).OfType<ServiceKeys>().FirstOrDefault()
            ?? throw new InvalidOperationException("AddRepitBotPlatform must be called before AddServiceIdentity.");
        keys.Add(identity, use, configuration);
        return services;
    }

    public static WebApplication UseRepitBotPlatform(this WebApplication app)
    {
        // Where the flags live depends on every module's registration, so it is settled here, once all are in: a
        // missing PLATFORM_DATABASE_URL stops every command and role before anything starts.
        _ = app.Services.GetRequiredService<FlagStoreDatabase>().Options;

        // The request id first, so every line of the request carries it; then the HTTP metrics, outside the exception
        // handler, so they count the 500 it answers.
        app.UseMiddleware<RequestIdMiddleware>();
        var metrics = app.Services.GetRequiredService<RoutingMetrics>();
        app.UseHttpMetrics(options => options.SetMetricFactory(Prometheus.Metrics.WithCustomRegistry(metrics.Registry)));

        // Before anything that reads the client's address: the rate limits and the audit see the client's own.
        app.UseForwardedHeaders(app.Services.GetRequiredService<ForwardedHeadersOptions>());
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapHealthChecks("/health", HealthOptions(_ => true)).AllowAnonymous();
        app.MapHealthChecks(ModuleRoutingHealthCheck.LocalHealthPath, HealthOptions(check => check.Name != ModuleRoutingHealthCheck.Name)).AllowAnonymous();

        // The description only changes with the binary, and building it walks every endpoint (tens of ms of CPU).
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().CacheOutput(policy => policy.Expire(TimeSpan.FromDays(365)));
        metrics.Registry.AddBeforeCollectCallback(cancellationToken => RefreshGaugesAsync(app.Services, cancellationToken));
        app.MapMetrics("/metrics", metrics.Registry).AllowAnonymous();
        app.MapFeatureFlagEndpoints();
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = "docs";
            options.SwaggerEndpoint("/openapi/v1.json", "RepitBot API v1");
            options.DocumentTitle = "RepitBot API";
        });

        return app;
    }

    private static HealthCheckOptions HealthOptions(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = HealthResponseWriter.WriteAsync,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };

    private static async Task RefreshGaugesAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var metrics = services.GetRequiredService<RoutingMetrics>();
        foreach (var (module, state) in services.GetRequiredService<CircuitRegistry>().States)
        {
            metrics.CircuitState.WithLabels(module).Set((int)state);
        }

        foreach (var flag in await services.GetRequiredService<DeploymentFlags>().AllAsync(cancellationToken))
        {
            metrics.FlagValue.WithLabels(flag.Name).Set(flag.Enabled ? 1 : 0);
        }
    }
}
