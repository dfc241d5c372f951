namespace RepitBot.Shared.Platform.Routing;

/// <summary>What a call does, which decides whether it may be served again in process after a remote failure.</summary>
public enum CallKind
{
    /// <summary>Changes nothing: always safe to serve again.</summary>
    Read,

    /// <summary>Changes state: served again only when the remote certainly did not carry it out.</summary>
    Write,
}
