using System.Collections.Concurrent;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// This process's copy of the live revocations, so a token check asks neither Redis nor the database (ADR 0018). The
/// database stays the truth: <see cref="LocalDenylistRefresher"/> reads its revocation generation every
/// <see cref="AuthSettings.RevocationRefreshInterval"/> and copies what is new; a revocation made here is added at once,
/// and one made by another process arrives on Redis' channel within milliseconds. A revocation found here is final; its
/// absence is trusted only while the copy was confirmed against the database within <see cref="MaxStaleness"/>, and
/// otherwise the check goes the slow way (Redis with the database's generation, or the database).
/// </summary>
internal sealed class LocalDenylist
{
    private readonly ConcurrentDictionary<string, DateTime> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;
    private readonly TimeProvider staleness;
    private readonly object confirming = new();
    private long? generation;
    private long confirmedAt;

    /// <param name="clock">The application's clock, which token lifetimes (and so the entries' ends) are measured by.</param>
    /// <param name="staleness">The real passage of time since the last confirmation; the system's, except in tests.</param>
    /// <param name="maxStaleness">How long after its last confirmation the copy may still answer "not revoked".</param>
    public LocalDenylist(TimeProvider clock, TimeProvider staleness, TimeSpan maxStaleness)
    {
        this.clock = clock;
        this.staleness = staleness;
        MaxStaleness = maxStaleness;
    }

    public TimeSpan MaxStaleness { get; }

    /// <summary>The database generation the copy holds every revocation up to; null before the first copy.</summary>
    public long? Generation
    {
        get
        {
            lock (confirming)
            {
                return generation;
            }
        }
    }

    /// <summary>
    /// True when the token or its session is revoked, false when the copy is recent enough to say it is not, null when
    /// only the slow way can say.
    /// </summary>
    public bool? IsDenied(string? jti, string? sid)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if ((jti is not null && tokens.TryGetValue(jti, out var tokenEnd) && tokenEnd > now)
            || (sid is not null && sessions.TryGetValue(sid, out var sessionEnd) && sessionEnd > now))
        {
            return true;
        }

        lock (confirming)
        {
            return generation is not null && staleness.GetElapsedTime(confirmedAt) <= MaxStaleness ? false : null;
        }
    }

    public void DenyToken(string jti, DateTime until) => tokens.AddOrUpdate(jti, until, (_, known) => known > until ? known : until);

    public void DenySession(string sid, DateTime until) => sessions.AddOrUpdate(sid, until, (_, known) => known > until ? known : until);

    /// <summary>The moment a confirmation starts: taken before the database is read, so the copy never claims more.</summary>
    public long Timestamp() => staleness.GetTimestamp();

    /// <summary>
    /// Records that the copy holds every revocation up to <paramref name="databaseGeneration"/>, as read from the database
    /// after <paramref name="startedAt"/>. Never moves the generation back.
    /// </summary>
    public void Confirm(long databaseGeneration, long startedAt)
    {
        lock (confirming)
        {
            if (generation is { } held && held > databaseGeneration)
            {
                return;
            }

            generation = databaseGeneration;
            confirmedAt = Math.Max(confirmedAt, startedAt);
        }
    }

    /// <summary>
    /// Records a copy read again in full from a database whose generation went back (a restore from a backup, say): the
    /// generation moves back to <paramref name="databaseGeneration"/>. The revocations already held stay: one the database
    /// lost was made all the same, and keeping it only refuses a token that was revoked.
    /// </summary>
    public void Restart(long databaseGeneration, long startedAt)
    {
        lock (confirming)
        {
            generation = databaseGeneration;
            confirmedAt = Math.Max(confirmedAt, startedAt);
        }
    }

    /// <summary>Drops revocations of tokens that can no longer be valid anyway.</summary>
    public void Prune()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, until) in tokens)
        {
            if (until <= now)
            {
                tokens.TryRemove(KeyValuePair.Create(key, until));
            }
        }

        foreach (var (key, until) in sessions)
        {
            if (until <= now)
            {
                sessions.TryRemove(KeyValuePair.Create(key, until));
            }
        }
    }
}
