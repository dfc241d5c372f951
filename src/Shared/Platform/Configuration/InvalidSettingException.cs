namespace RepitBot.Shared.Platform.Configuration;

/// <summary>
/// A setting that stops the start. The host prints <see cref="Exception.Message"/> as one line and exits,
/// so the message names the setting and says what is wrong, and never echoes a secret value.
/// </summary>
public sealed class InvalidSettingException(string setting, string problem)
    : Exception($"{setting}: {problem}")
{
    public string Setting { get; } = setting;
}
