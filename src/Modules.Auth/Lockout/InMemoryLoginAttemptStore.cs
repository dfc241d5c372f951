namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// The counters of one process: used when Redis is not configured, and while it does not answer. Every change happens
/// under one lock, so a reservation reads and counts in one step. Nothing here waits, so there is nothing to cancel.
/// Counters past <see cref="LockoutPolicy.ResetAfter"/> are dropped now and then, so a flood of made-up codes cannot
/// grow the map for ever.
/// </summary>
internal sealed class InMemoryLoginAttemptStore : ILoginAttemptStore
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private DateTimeOffset nextSweep = DateTimeOffset.MinValue;

    /// <summary>How many codes this process counts right now (for the tests of the eviction).</summary>
    internal int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public Task<LoginAttemptState> GetAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(Current(lookupId, now) is { } entry ? new LoginAttemptState(entry.Failures, entry.LockedUntil) : default);
        }
    }

    public Task<LoginAttemptState> RecordFailureAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            SweepExpired(now);
            var entry = Next(Current(lookupId, now)?.Failures ?? 0, now);
            entries[lookupId] = entry;
            return Task.FromResult(new LoginAttemptState(entry.Failures, entry.LockedUntil));
        }
    }

    public Task<AttemptReservation> ReserveAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            SweepExpired(now);
            var current = Current(lookupId, now);
            if (current is not null && now < current.LockedUntil)
            {
                return Task.FromResult(new AttemptReservation(false, new LoginAttemptState(current.Failures, current.LockedUntil)));
            }

            var entry = Next(current?.Failures ?? 0, now);
            entries[lookupId] = entry;
            return Task.FromResult(new AttemptReservation(true, new LoginAttemptState(entry.Failures, entry.LockedUntil)));
        }
    }

    public Task ReleaseAsync(string lookupId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (entries.TryGetValue(lookupId, out var entry) && entry.Failures > 0)
            {
                var failures = entry.Failures - 1;
                entries[lookupId] = entry with { Failures = failures, LockedUntil = failures <= LockoutPolicy.FreeFailures ? DateTimeOffset.MinValue : entry.LockedUntil };
            }
        }

        return Task.CompletedTask;
    }

    public Task ResetAsync(string lookupId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            entries.Remove(lookupId);
        }

        return Task.CompletedTask;
    }

    private Entry? Current(string lookupId, DateTimeOffset now) =>
        entries.TryGetValue(lookupId, out var entry) && now - entry.LastFailure <= LockoutPolicy.ResetAfter ? entry : null;

    /// <summary>Called under the lock.</summary>
    private void SweepExpired(DateTimeOffset now)
    {
        if (now < nextSweep)
        {
            return;
        }

        nextSweep = now + SweepEvery;
        foreach (var (lookupId, entry) in entries)
        {
            if (now - entry.LastFailure > LockoutPolicy.ResetAfter)
            {
                entries.Remove(lookupId);
            }
        }
    }

    private static Entry Next(int failures, DateTimeOffset now) => new(failures + 1, now, now + LockoutPolicy.LockAfter(failures + 1));

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset LockedUntil);
}
