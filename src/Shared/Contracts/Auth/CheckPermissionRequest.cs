using System.Text.Json.Serialization;

namespace RepitBot.Shared.Contracts.Auth;

/// <summary>May the caller do <see cref="Action"/> on <see cref="Resource"/>, owned by (or being) user <see cref="ResourceOwnerId"/>?</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CheckPermissionRequest(string? Resource, string? Action, long? ResourceOwnerId = null);
