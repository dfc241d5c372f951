namespace RepitBot.Shared.Platform.Routing;

/// <summary>A module this host reaches over HTTP, registered with its client.</summary>
internal sealed record RemoteModule(string Name, Uri BaseAddress);
