namespace RepitBot.Modules.Auth.Lockout;

internal readonly record struct LoginAttemptState(int Failures, DateTimeOffset LockedUntil)
{
    public bool IsLocked(DateTimeOffset now) => now < LockedUntil;
}
