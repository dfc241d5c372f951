using System.Collections.Concurrent;

namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// The counters of one process: used when Redis is not configured, and while it does not answer. Nothing here waits,
/// so there is nothing to cancel. Counters past <see cref="LockoutPolicy.ResetAfter"/> are dropped now and then, so
/// a flood of made-up codes cannot grow the map for ever.
/// </summary>
internal sealed class InMemoryLoginAttemptStore : ILoginAttemptStore
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long nextSweepTicks;

    /// <summary>How many codes this process counts right now (for the tests of the eviction).</summary>
    internal int Count => entries.Count;

    public Task<LoginAttemptState> GetAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(entries.TryGetValue(lookupId, out var entry) && now - entry.LastFailure <= LockoutPolicy.ResetAfter
            ? new LoginAttemptState(entry.Failures, entry.LockedUntil)
            : default);

    public Task<LoginAttemptState> RecordFailureAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SweepExpired(now);
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

    private void SweepExpired(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextSweepTicks, (now + SweepEvery).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (now - entry.Value.LastFailure > LockoutPolicy.ResetAfter)
            {
                // Only the entry as it was seen: a failure counted meanwhile stays.
                entries.TryRemove(entry);
            }
        }
    }

    private static Entry Next(int failures, DateTimeOffset now) => new(failures + 1, now, now + LockoutPolicy.LockAfter(failures + 1));

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
