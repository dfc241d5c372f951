using Prometheus;

namespace RepitBot.Shared.Platform.Monitoring;

/// <summary>
/// Where a module creates its own Prometheus metrics: the host's registry, served at /metrics beside the router's.
/// Names start with <c>repitbot_</c> and the module's name.
/// </summary>
public sealed class ModuleMetrics
{
    public ModuleMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        Factory = Prometheus.Metrics.WithCustomRegistry(registry);
    }

    public IMetricFactory Factory { get; }

    /// <summary>The registry itself, for a value worked out when /metrics is read (a before-collect callback).</summary>
    public CollectorRegistry Registry { get; }
}
