using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth;

/// <summary>The Auth module's own settings, read and checked when the module registers.</summary>
internal sealed record AuthSettings(
    ModuleDatabaseOptions Database,
    int LoginRateLimitPerMinute,
    TimeSpan UserStatusMaxStaleness,
    int RefreshRateLimitPerMinute = 30,
    TimeSpan? AuditRetention = null,
    TimeSpan? RetentionInterval = null,
    TimeSpan? RevocationRefresh = null)
{
    /// <summary>A consumed refresh token presented again within this time is taken for a retry, and answered its pair again.</summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long a user's active state is trusted before it is asked again: the longest a deactivated user's token lives on.</summary>
    public static readonly TimeSpan UserStatusCacheTime = TimeSpan.FromSeconds(2);

    public const string DatabaseUrlSetting = "AUTH_SERVICE_DATABASE_URL";
    public const string LoginRateLimitPerMinuteSetting = "LOGIN_RATE_LIMIT_PER_MINUTE";
    public const string RefreshRateLimitPerMinuteSetting = "REFRESH_RATE_LIMIT_PER_MINUTE";
    public const string UserStatusMaxStaleSecondsSetting = "USER_STATUS_MAX_STALE_SECONDS";
    public const string AuditRetentionDaysSetting = "AUDIT_RETENTION_DAYS";
    public const string RetentionIntervalSecondsSetting = "RETENTION_INTERVAL_SECONDS";
    public const string RevocationRefreshSecondsSetting = "REVOCATION_REFRESH_SECONDS";

    /// <summary>How long audit rows are kept; expired tokens and revocations go as soon as they can no longer matter.</summary>
    public TimeSpan AuditRetentionTime => AuditRetention ?? TimeSpan.FromDays(365);

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan RetentionEvery => RetentionInterval ?? TimeSpan.FromHours(1);

    /// <summary>
    /// How often each process reads the database's revocation generation into its local copy: the longest a revocation
    /// made by another process goes unnoticed here when its announcement on Redis is lost (ADR 0018).
    /// </summary>
    public TimeSpan RevocationRefreshInterval => RevocationRefresh ?? TimeSpan.FromSeconds(1);

    /// <summary>How long the local copy may answer "not revoked" after its last read of the database: two reads missed.</summary>
    public TimeSpan RevocationMaxStaleness => RevocationRefreshInterval * 2 + TimeSpan.FromSeconds(1);

    public static AuthSettings Load(IConfiguration configuration) => new(
        ModuleDatabase.Resolve(configuration, DatabaseUrlSetting, Persistence.AuthDbContext.Schema),
        SettingReader.Integer(configuration, LoginRateLimitPerMinuteSetting, 10, 1, 100_000),
        TimeSpan.FromSeconds(SettingReader.Integer(configuration, UserStatusMaxStaleSecondsSetting, 300, 0, 3600)),
        SettingReader.Integer(configuration, RefreshRateLimitPerMinuteSetting, 30, 1, 100_000),
        TimeSpan.FromDays(SettingReader.Integer(configuration, AuditRetentionDaysSetting, 365, 1, 36_500)),
        TimeSpan.FromSeconds(SettingReader.Integer(configuration, RetentionIntervalSecondsSetting, 3600, 1, 7 * 24 * 3600)),
        TimeSpan.FromSeconds(SettingReader.Integer(configuration, RevocationRefreshSecondsSetting, 1, 1, 60)));
}
