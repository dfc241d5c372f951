namespace RepitBot.Shared.Platform.Routing;

/// <summary>How calls to one module travel, from ENABLE_MICROSERVICES and FALLBACK_TO_MONOLITH.</summary>
internal enum ModuleMode
{
    /// <summary>In process only.</summary>
    Monolith,

    /// <summary>Remote only; a failure reaches the caller as "service unavailable".</summary>
    Microservices,

    /// <summary>Remote first; in process on a transient failure.</summary>
    Hybrid,
}
