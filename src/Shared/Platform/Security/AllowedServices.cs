namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// Endpoint metadata: the service identities that may call an endpoint. An endpoint without it is for people only;
/// a service key on it answers 403.
/// </summary>
public sealed record AllowedServices(IReadOnlyList<string> Names);
