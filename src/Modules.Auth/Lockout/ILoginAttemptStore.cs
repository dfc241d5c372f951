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

    /// <summary>
    /// Reserves one attempt before the code is checked, atomically (across instances where the store is shared): unless
    /// the code is locked, the attempt counts as a failure at once, so parallel guesses cannot all pass the lock
    /// together. A success then resets the count; an attempt that turns out not to be a wrong code is released.
    /// </summary>
    Task<AttemptReservation> ReserveAsync(string lookupId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives back a reserved attempt that was not a wrong code (the user is inactive, Users could not answer).</summary>
    Task ReleaseAsync(string lookupId, CancellationToken cancellationToken);
}
