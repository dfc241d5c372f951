namespace RepitBot.Modules.Bot.Screens;

/// <summary>A name as a person types it: trimmed, one line, not empty and not too long (Users checks again).</summary>
internal static class PersonName
{
    public const int MaxLength = 200;

    public static string? Read(string? typed)
    {
        var name = typed?.Replace('\n', ' ').Trim();
        return string.IsNullOrEmpty(name) || name.Length > MaxLength || name.StartsWith('/') ? null : name;
    }
}
