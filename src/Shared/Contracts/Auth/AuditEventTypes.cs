namespace RepitBot.Shared.Contracts.Auth;

/// <summary>The kinds of authentication event in the audit log.</summary>
public static class AuditEventTypes
{
    public const string Login = "login";
    public const string LoginFailed = "login_failed";
    public const string LoginLocked = "login_locked";
    public const string TelegramLinked = "telegram_linked";
    public const string TelegramLogin = "telegram_login";
    public const string Refresh = "refresh";
    public const string RefreshFailed = "refresh_failed";
    public const string ReuseDetected = "refresh_reuse_detected";
    public const string Logout = "logout";
    public const string Revocation = "revocation";
    public const string PermissionDenied = "permission_denied";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Login, LoginFailed, LoginLocked, TelegramLinked, TelegramLogin, Refresh, RefreshFailed, ReuseDetected, Logout, Revocation, PermissionDenied,
    };
}
