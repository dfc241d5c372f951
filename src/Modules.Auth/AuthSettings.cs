using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth;

/// <summary>The Auth module's own settings, read and checked when the module registers.</summary>
internal sealed record AuthSettings(ModuleDatabaseOptions Database, int LoginRateLimitPerMinute, TimeSpan UserStatusMaxStaleness)
{
    /// <summary>A consumed refresh token presented again within this time is taken for a parallel retry, not a theft.</summary>
    public static readonly TimeSpan ReuseGrace = TimeSpan.FromSeconds(5);

    /// <summary>How long a user's active state is trusted before it is asked again: the longest a deactivated user's token lives on.</summary>
    public static readonly TimeSpan UserStatusCacheTime = TimeSpan.FromSeconds(2);

    public const string DatabaseUrlSetting = "AUTH_SERVICE_DATABASE_URL";
    public const string LoginRateLimitPerMinuteSetting = "LOGIN_RATE_LIMIT_PER_MINUTE";
    public const string UserStatusMaxStaleSecondsSetting = "USER_STATUS_MAX_STALE_SECONDS";

    public static AuthSettings Load(IConfiguration configuration) => new(
        ModuleDatabase.Resolve(configuration, DatabaseUrlSetting, Persistence.AuthDbContext.Schema),
        SettingReader.Integer(configuration, LoginRateLimitPerMinuteSetting, 10, 1, 100_000),
        TimeSpan.FromSeconds(SettingReader.Integer(configuration, UserStatusMaxStaleSecondsSetting, 300, 0, 3600)));
}
