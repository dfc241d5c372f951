namespace RepitBot.Shared.Platform.Routing;

/// <summary>A module this host reaches over HTTP, registered with its client.</summary>
public sealed record RemoteModule(string Name, Uri BaseAddress);
