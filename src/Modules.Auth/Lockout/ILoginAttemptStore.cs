namespace RepitBot.Modules.Auth.Lockout;

/// <summary>Failure counters per access-code lookup id.</summary>
internal interface ILoginAttemptStore
{
    Task<LoginAttemptState> GetAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Counts a failure at once (atomically across instances where the store is shared) and returns the new state.
    /// A cancelled caller may stop waiting for the answer; the failure is counted all the same.
    /// </summary>
    Task<LoginAttemptState> RecordFailureAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken);

    Task ResetAsync(string lookupId, CancellationToken cancellationToken);
}
