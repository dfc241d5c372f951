using System.Collections.Concurrent;

namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// The counters of one process: used when Redis is not configured, and while it does not answer. Nothing here waits,
/// so there is nothing to cancel.
/// </summary>
internal sealed class InMemoryLoginAttemptStore : ILoginAttemptStore
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public Task<LoginAttemptState> GetAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(entries.TryGetValue(lookupId, out var entry) && now - entry.LastFailure <= LockoutPolicy.ResetAfter
            ? new LoginAttemptState(entry.Failures, entry.LockedUntil)
            : default);

    public Task<LoginAttemptState> RecordFailureAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entry = entries.AddOrUpdate(
            lookupId,
            _ => Next(0, now),
            (_, old) => Next(now - old.LastFailure > LockoutPolicy.ResetAfter ? 0 : old.Failures, now));
        return Task.FromResult(new LoginAttemptState(entry.Failures, entry.LockedUntil));
    }

    public Task ResetAsync(string lookupId, CancellationToken cancellationToken)
    {
        entries.TryRemove(lookupId, out _);
        return Task.CompletedTask;
    }

    private static Entry Next(int failures, DateTimeOffset now) => new(failures + 1, now, now + LockoutPolicy.LockAfter(failures + 1));

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
