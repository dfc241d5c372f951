namespace RepitBot.Modules.Auth.Lockout;

/// <summary>Failure counters per access-code lookup id.</summary>
internal interface ILoginAttemptStore
{
    Task<LoginAttemptState> GetAsync(string lookupId, DateTimeOffset now);

    /// <summary>Counts a failure at once (atomically across instances where the store is shared) and returns the new state.</summary>
    Task<LoginAttemptState> RecordFailureAsync(string lookupId, DateTimeOffset now);

    Task ResetAsync(string lookupId);
}
