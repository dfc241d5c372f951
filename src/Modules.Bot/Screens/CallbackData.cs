using System.Globalization;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>
/// What a button carries: an action and numbers, e.g. <c>card:42</c>. Only ids, never trusted: every action with them
/// is a module call as the person, which answers "not found" for anything that is not theirs.
/// </summary>
internal sealed record CallbackData(string Action, IReadOnlyList<long> Ids, string? Word)
{
    public static string Of(string action, params long[] ids) => string.Join(':', [action, .. ids.Select(id => id.ToString(CultureInfo.InvariantCulture))]);

    public static string OfWord(string action, string word, params long[] ids) => string.Join(':', [action, word, .. ids.Select(id => id.ToString(CultureInfo.InvariantCulture))]);

    public long Id(int index) => index < Ids.Count ? Ids[index] : 0;

    public static CallbackData? Parse(string? data)
    {
        if (string.IsNullOrEmpty(data))
        {
            return null;
        }

        var parts = data.Split(':');
        var ids = new List<long>();
        string? word = null;
        foreach (var part in parts.Skip(1))
        {
            if (long.TryParse(part, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
            else if (word is null && ids.Count == 0)
            {
                word = part;
            }
            else
            {
                return null;
            }
        }

        return new CallbackData(parts[0], ids, word);
    }
}
