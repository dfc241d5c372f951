namespace RepitBot.Shared.Routing;

/// <summary>
/// A remote module did not answer (refused, reset, timed out, 5xx, open circuit). <see cref="CertainlyNotSent"/> is
/// true when the request cannot have reached it (connection refused, open circuit), so even a write may be served in
/// process. Never reaches a client: the router turns it into a fallback or a "service unavailable" error.
/// </summary>
public sealed class RemoteModuleUnavailableException(string module, bool certainlyNotSent, string reason, Exception? inner = null)
    : Exception($"The {module} service is unavailable: {reason}", inner)
{
    public string Module { get; } = module;

    public bool CertainlyNotSent { get; } = certainlyNotSent;

    public string Reason { get; } = reason;
}
