namespace RepitBot.Shared.Platform.Routing;

/// <summary>Service keys of a contract's two implementations; the unkeyed registration is the router's decorator.</summary>
public static class ModuleImplementation
{
    public const string Local = "local";
    public const string Remote = "remote";
}
