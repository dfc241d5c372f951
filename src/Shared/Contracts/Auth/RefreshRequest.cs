using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Auth;

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record RefreshRequest(string? RefreshToken);
