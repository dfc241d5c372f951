namespace RepitBot.Shared.Platform.Routing;

/// <summary>What a call does, which decides whether it may be served again in process after a remote failure.</summary>
public enum CallKind
{
    /// <summary>Changes nothing: always safe to serve again.</summary>
    Read,

    /// <summary>Changes state: served again only when the remote certainly did not carry it out.</summary>
    Write,

    /// <summary>
    /// Changes state under an idempotency key that both implementations keep in the module's one store: served again
    /// in process even when the remote outcome is unknown, since a write already done answers its first result.
    /// </summary>
    IdempotentWrite,
}
