namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// A caller between modules: its name (what <c>Caller.Service</c> carries) and the setting holding its key. Each
/// module's registration class declares its own; the platform only loads, presents and checks the keys.
/// </summary>
public sealed record ServiceIdentity(string Name, string KeySetting);
