namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// Per-code lockout: from the 5th failure on, the code is locked for 30 s, doubling with each further failure, at most
/// 15 minutes. A success, or 12 hours without a failure, starts the count again.
/// </summary>
internal static class LockoutPolicy
{
    public const int FreeFailures = 4;
    public static readonly TimeSpan FirstLock = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan MaxLock = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan ResetAfter = TimeSpan.FromHours(12);

    public static TimeSpan LockAfter(int failures)
    {
        if (failures <= FreeFailures)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - FreeFailures - 1, 10);
        var wait = FirstLock * Math.Pow(2, doublings);
        return wait < MaxLock ? wait : MaxLock;
    }
}
