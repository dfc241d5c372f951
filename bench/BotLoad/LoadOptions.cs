using System.Globalization;

namespace RepitBot.Bench.BotLoad;

/// <summary>
/// What one run does, from <c>--name value</c> pairs. <see cref="Mode"/> is <c>echo</c> (a text, answered with the same
/// text) or <c>menu</c> (a linked tutor presses "My students"; each person links first with the code on their line of
/// <see cref="CodesFile"/> unless the bot already knows them). <see cref="PidsFile"/> names the processes whose CPU the
/// measured window is charged to; it is read when the window opens, so the script can start the bot after this tool.
/// </summary>
internal sealed record LoadOptions(
    int Port,
    string Token,
    string Mode,
    int Chats,
    long FirstPersonId,
    TimeSpan Warmup,
    TimeSpan Duration,
    TimeSpan StartTimeout,
    string? CodesFile,
    string? Expect,
    string? PidsFile)
{
    public static LoadOptions Parse(string[] args)
    {
        if (args.Length % 2 != 0)
        {
            throw new ArgumentException($"Expected --name value pairs; '{args[^1]}' has no value.");
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            named[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => named.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => named.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var mode = Required("mode");
        if (mode is not ("echo" or "menu"))
        {
            throw new ArgumentException("--mode is echo or menu.");
        }

        return new LoadOptions(
            Number("port", 0),
            Required("token"),
            mode,
            Number("chats", 16),
            long.Parse(named.GetValueOrDefault("first-person", "7000001"), CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(Number("warmup", 5)),
            TimeSpan.FromSeconds(Number("duration", 10)),
            TimeSpan.FromSeconds(Number("start-timeout", 180)),
            named.GetValueOrDefault("codes"),
            named.GetValueOrDefault("expect"),
            named.GetValueOrDefault("pids-file"));
    }
}
