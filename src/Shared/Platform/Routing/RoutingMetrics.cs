using Prometheus;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// The router's Prometheus metrics, in a registry of this host's own (served at /metrics): calls per module by path
/// taken and outcome, remote latency, circuit state and flag values.
/// </summary>
internal sealed class RoutingMetrics
{
    public RoutingMetrics()
    {
        Registry = Metrics.NewCustomRegistry();

        // Process and runtime figures (CPU, memory, GC, threads) for the dashboards, in this host's own registry.
        DotNetStats.Register(Registry);
        var factory = Metrics.WithCustomRegistry(Registry);
        Calls = factory.CreateCounter("repitbot_module_calls_total", "Contract calls per module, by the path taken (local, remote, fallback) and outcome.", new CounterConfiguration { LabelNames = ["module", "path", "outcome"] });
        RemoteLatency = factory.CreateHistogram("repitbot_remote_call_duration_seconds", "Latency of calls to a remote module.", new HistogramConfiguration { LabelNames = ["module", "outcome"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        CircuitState = factory.CreateGauge("repitbot_circuit_state", "Circuit breaker per remote module: 0 closed, 1 open, 2 half-open, 3 isolated.", new GaugeConfiguration { LabelNames = ["module"] });
        FlagValue = factory.CreateGauge("repitbot_feature_flag", "Current value of each deployment flag (1 on, 0 off).", new GaugeConfiguration { LabelNames = ["name"] });
    }

    public CollectorRegistry Registry { get; }

    public Counter Calls { get; }

    public Histogram RemoteLatency { get; }

    public Gauge CircuitState { get; }

    public Gauge FlagValue { get; }
}
