using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement;
using Polly;
using Polly.Timeout;
using Refit;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Flags;
using RepitBot.Shared.Platform.Json;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>The router, the flags and the remote clients' plumbing, registered once for every module.</summary>
public static class RoutingRegistration
{
    public static IServiceCollection AddModuleRouting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDeploymentFlags();
        services.AddSingleton<RoutingMetrics>();
        services.AddSingleton(provider => new Monitoring.ModuleMetrics(provider.GetRequiredService<RoutingMetrics>().Registry));
        services.AddSingleton<CircuitRegistry>();
        services.AddScoped(provider => new ModuleRouter(provider, provider.GetRequiredService<IFeatureManager>(), provider.GetRequiredService<RoutingMetrics>(), provider.GetRequiredService<ILogger<ModuleRouter>>()));
        services.AddTransient<OutgoingCredentialHandler>();
        services.AddTransient<Logging.RequestIdPropagationHandler>();
        services.AddHttpClient(ModuleRoutingHealthCheck.HttpClientName);
        services.AddSingleton<RemoteHealthAnswers>();
        services.AddHealthChecks().AddCheck<ModuleRoutingHealthCheck>(ModuleRoutingHealthCheck.Name, Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>
    /// Makes <paramref name="name"/> a routed module: its pair of deployment flags exists, and <typeparamref name="TContract"/>
    /// resolves to <typeparamref name="TRouted"/>, which sends each call through the <see cref="ModuleRouter"/> to the
    /// in-process or the remote implementation. Called by the module's registration for both, once or twice.
    /// </summary>
    public static IServiceCollection AddRoutedModule<TContract, TRouted>(this IServiceCollection services, string name)
        where TContract : class
        where TRouted : class, TContract
    {
        if (!services.Any(service => service.ServiceType == typeof(RoutedModule) && service.ImplementationInstance is RoutedModule { } known && known.Name == name))
        {
            services.AddSingleton(new RoutedModule(name, typeof(TContract)));
        }

        services.TryAddScoped<TContract, TRouted>();
        return services;
    }

    /// <summary>
    /// A Refit client for a module hosted standalone at <paramref name="baseAddress"/>: the shared JSON, the caller's
    /// credential on every request, a per-call timeout and a circuit breaker per module, so calls to a service that is
    /// down stop waiting for it and go straight to the fallback until half-open probes find it back.
    /// </summary>
    public static IHttpClientBuilder AddRemoteModuleClient<TApi>(this IServiceCollection services, string module, Uri baseAddress, IConfiguration configuration)
        where TApi : class
    {
        var timeout = TimeSpan.FromSeconds(SettingReader.Integer(configuration, SettingNames.RemoteCallTimeoutSeconds, 5, 1, 300));
        var failures = SettingReader.Integer(configuration, SettingNames.CircuitFailuresBeforeOpen, 5, 2, 1000);
        var breakFor = TimeSpan.FromSeconds(SettingReader.Integer(configuration, SettingNames.CircuitBreakSeconds, 15, 1, 3600));

        services.AddSingleton(new RemoteModule(module, baseAddress));
        var client = services
            .AddRefitGeneratedClient<TApi>(new RefitSettings { ContentSerializer = new SystemTextJsonContentSerializer(RepitBotJson.Options) })
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = baseAddress;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddHttpMessageHandler<OutgoingCredentialHandler>()
            .AddHttpMessageHandler<Logging.RequestIdPropagationHandler>();
        client.AddResilienceHandler(module, (pipeline, context) =>
            {
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = failures,
                    SamplingDuration = TimeSpan.FromSeconds(Math.Max(10, timeout.TotalSeconds * 2)),
                    BreakDuration = breakFor,
                    StateProvider = context.ServiceProvider.GetRequiredService<CircuitRegistry>().For(module),

                    // Not the library's default, which also counts 408 and 429: a 429 is the service answering (one
                    // client over its limit), and counting it let one address's login flood cut every bearer check.
                    ShouldHandle = args => ValueTask.FromResult(IsTransientFailure(args.Outcome)),
                });
                pipeline.AddTimeout(timeout);
            });
        return client;
    }

    /// <summary>What a circuit counts as the service failing: no answer (refused, reset, timed out) or a 5xx.</summary>
    internal static bool IsTransientFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };
}
