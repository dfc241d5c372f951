namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// The answer to a reservation of a login attempt: granted, and then already counted as a failure, or refused because
/// the code is locked. <see cref="State"/> is the state after the reservation.
/// </summary>
internal readonly record struct AttemptReservation(bool Granted, LoginAttemptState State);
