using System.Collections.Concurrent;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>The remote services' last /health/local answers of this process, kept for the (transient) health check.</summary>
internal sealed class RemoteHealthAnswers
{
    public ConcurrentDictionary<Uri, (bool Healthy, DateTimeOffset AskedAt)> Known { get; } = new();
}
