using System.Collections.Concurrent;
using Polly.CircuitBreaker;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>The circuit breaker state of each remote module, for /health and the metrics.</summary>
internal sealed class CircuitRegistry
{
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> providers = new(StringComparer.Ordinal);

    public CircuitBreakerStateProvider For(string module) => providers.GetOrAdd(module, _ => new CircuitBreakerStateProvider());

    public IReadOnlyDictionary<string, CircuitState> States => providers.ToDictionary(p => p.Key, p => p.Value.CircuitState);
}
