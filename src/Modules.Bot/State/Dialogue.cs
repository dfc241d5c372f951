namespace RepitBot.Modules.Bot.State;

/// <summary>
/// Where a person is in a multi-step exchange: which dialogue, which step, and what they typed so far (by name).
/// Kept between updates, with an expiry, so a restart resumes it and an abandoned one ends by itself.
/// </summary>
internal sealed record Dialogue(string Name, string Step, Dictionary<string, string> Values)
{
    public static Dialogue Start(string name, string step) => new(name, step, new Dictionary<string, string>(StringComparer.Ordinal));

    public Dialogue At(string step, params (string Key, string Value)[] values)
    {
        var next = new Dictionary<string, string>(Values, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            next[key] = value;
        }

        return this with { Step = step, Values = next };
    }

    public string? Value(string key) => Values.GetValueOrDefault(key);
}
