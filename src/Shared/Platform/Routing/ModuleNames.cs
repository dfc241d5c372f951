namespace RepitBot.Shared.Platform.Routing;

public static class ModuleNames
{
    public const string Users = "users";
    public const string Auth = "auth";

    /// <summary>The modules that can run as their own service and be reached through the router.</summary>
    public static IReadOnlyList<string> Routed { get; } = [Users, Auth];
}
