namespace RepitBot.Host;

/// <summary>The host's own settings: which role a process plays and where each role listens.</summary>
internal static class HostSettingNames
{
    public const string Role = "REPITBOT_ROLE";
    public const string RoleArgument = "role";

    public const string ApiHost = "API_HOST";
    public const string ApiPort = "API_PORT";
    public const string UserServiceHost = "USER_SERVICE_HOST";
    public const string UserServicePort = "USER_SERVICE_PORT";
    public const string AuthServiceHost = "AUTH_SERVICE_HOST";
    public const string AuthServicePort = "AUTH_SERVICE_PORT";
    public const string BotHost = "BOT_HOST";
    public const string BotPort = "BOT_PORT";

    /// <summary>The one key every role once shared; a process given it refuses to start and names its successors.</summary>
    public const string RetiredInternalApiKey = "INTERNAL_API_KEY";
}
