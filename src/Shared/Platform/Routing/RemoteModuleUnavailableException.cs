namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// A remote module did not answer (refused, reset, timed out, 5xx, open circuit). <see cref="CertainlyNotDone"/> is
/// true when the request cannot have been carried out: it never left (connection refused, open circuit), or the
/// service answered 503 with its own mark that it did nothing (<see cref="Http.ProblemHeaders.NotExecutedHeader"/>).
/// Then even a write may be served in process; otherwise only a read or an idempotent write. Never reaches a client: the router turns it into a fallback or a "service unavailable" error.
/// </summary>
internal sealed class RemoteModuleUnavailableException(string module, bool certainlyNotDone, string reason, Exception? inner = null)
    : Exception($"The {module} service is unavailable: {reason}", inner)
{
    public string Module { get; } = module;

    public bool CertainlyNotDone { get; } = certainlyNotDone;

    public string Reason { get; } = reason;
}
