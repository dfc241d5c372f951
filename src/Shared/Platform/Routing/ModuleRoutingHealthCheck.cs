using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// For each module this host can reach remotely: its mode, its circuit state and the remote service's own /health.
/// A remote service down degrades this host (it still serves in hybrid mode); it never makes it unhealthy. A remote
/// service's answer is kept for <see cref="RemoteAnswerLifetime"/>, so hitting /health does not make remote calls.
/// Each module also says whether this process has an in-process fallback for it ("fallback": "in-process" or "none"):
/// a process that only calls out (role bot without the services' stores) cannot fall back, whatever the flags say.
/// </summary>
internal sealed class ModuleRoutingHealthCheck(IServiceProvider services, IEnumerable<RemoteModule> remotes, IEnumerable<RoutedModule> routed, IServiceProviderIsKeyedService registered, IHttpClientFactory http, CircuitRegistry circuits, RemoteHealthAnswers answers, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan RemoteAnswerLifetime = TimeSpan.FromSeconds(5);

    public const string HttpClientName = "remote-health";
    public const string Name = "modules";

    /// <summary>A service's health without its own remote modules: what another service asks, so checks never loop.</summary>
    public const string LocalHealthPath = "/health/local";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var router = services.GetRequiredService<ModuleRouter>();
        var data = new Dictionary<string, object>();
        var degraded = false;
        var withoutFallback = new List<string>();
        foreach (var (module, url) in remotes)
        {
            var remoteHealthy = await RemoteIsHealthyAsync(url, cancellationToken);
            var mode = await router.ModeOfAsync(module);
            var circuit = circuits.States.TryGetValue(module, out var state) ? state.ToString().ToLowerInvariant() : "closed";
            var hasLocal = routed.FirstOrDefault(r => r.Name == module) is { } contract && registered.IsKeyedService(contract.Contract, ModuleImplementation.Local);
            degraded |= !remoteHealthy && (mode != ModuleMode.Monolith || !hasLocal);
            if (!hasLocal)
            {
                withoutFallback.Add(module);
            }

            data[module] = new Dictionary<string, object>
            {
                ["mode"] = mode.ToString().ToLowerInvariant(),
                ["path"] = mode == ModuleMode.Monolith && hasLocal ? "in-process" : remoteHealthy && circuit == "closed" ? "remote" : mode == ModuleMode.Hybrid && hasLocal ? "fallback" : "remote",
                ["fallback"] = hasLocal ? "in-process" : "none",
                ["circuit"] = circuit,
                ["remote_url"] = url.GetLeftPart(UriPartial.Authority),
                ["remote_status"] = remoteHealthy ? "healthy" : "unreachable",
            };
        }

        var fallback = withoutFallback.Count == 0 ? string.Empty : $" No in-process fallback for {string.Join(", ", withoutFallback)}.";
        return degraded
            ? new HealthCheckResult(HealthStatus.Degraded, "A remote module does not answer." + fallback, data: data)
            : HealthCheckResult.Healthy("Remote modules answer, or none is used." + fallback, data);
    }

    private async Task<bool> RemoteIsHealthyAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (answers.Known.TryGetValue(baseAddress, out var known) && now - known.AskedAt < RemoteAnswerLifetime && now >= known.AskedAt)
        {
            return known.Healthy;
        }

        var healthy = await AskRemoteAsync(baseAddress, cancellationToken);
        answers.Known[baseAddress] = (healthy, now);
        return healthy;
    }

    private async Task<bool> AskRemoteAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        try
        {
            using var client = http.CreateClient(HttpClientName);
            client.Timeout = TimeSpan.FromSeconds(2);
            using var response = await client.GetAsync(new Uri(baseAddress, LocalHealthPath), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
