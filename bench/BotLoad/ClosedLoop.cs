using System.Diagnostics;
using RepitBot.BotApiServer;

namespace RepitBot.Bench.BotLoad;

/// <summary>
/// Every person talks to the bot in a closed loop: send, wait for the bot's next message in that chat, send again; as
/// wrk keeps each connection busy with one request at a time. Only what is sent and answered inside the measured
/// window counts; an answer that does not come within <see cref="AnswerTimeout"/>, or is not the expected one, is a
/// failure.
/// </summary>
internal sealed class ClosedLoop(LocalBot bot, LoadOptions options)
{
    /// <summary>The tutor's reply-keyboard button, as the person sees it (the bot's texts are its own).</summary>
    public const string MyStudentsButton = "👥 Мои ученики";

    private const string EchoText = "ping";
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Waits for the bot to answer at all (it may still be starting), then makes sure each person is linked: /start,
    /// and the person's code when the bot asks for one.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<LocalPerson> people)
    {
        if (options.Mode == "echo")
        {
            await AskAsync(people[0], EchoText, options.StartTimeout);
            Console.Error.WriteLine("echo bot answers");
            return;
        }

        var codes = options.CodesFile is null ? [] : await File.ReadAllLinesAsync(options.CodesFile);
        await LinkAsync(people[0], codes, 0, options.StartTimeout);
        Console.Error.WriteLine("bot answers; linking the other people");
        using var slots = new SemaphoreSlim(4);
        await Task.WhenAll(people.Skip(1).Select(async (person, i) =>
        {
            await slots.WaitAsync();
            try
            {
                await LinkAsync(person, codes, i + 1, AnswerTimeout);
            }
            finally
            {
                slots.Release();
            }
        }));
        Console.Error.WriteLine($"{people.Count} tutors linked");
    }

    public async Task<string> RunAsync(IReadOnlyList<LocalPerson> people)
    {
        var started = Stopwatch.GetTimestamp();
        var from = started + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        var until = from + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var cpu = MeasureCpuAsync(from, until);
        var loops = people.Select(person => LoopAsync(person, from, until)).ToList();
        var outcomes = await Task.WhenAll(loops);
        var (before, after) = await cpu;
        var latencies = outcomes.SelectMany(o => o.Latencies).Order().ToList();
        var failures = outcomes.Sum(o => o.Failures);
        var spent = after.ToDictionary(pair => pair.Key, pair => pair.Value - before.GetValueOrDefault(pair.Key));
        return $"RESULT requests={latencies.Count} duration_us={(long)options.Duration.TotalMicroseconds} " +
               $"p50_us={Percentile(latencies, 0.50)} p99_us={Percentile(latencies, 0.99)} non2xx={failures} socket_errors=0 " +
               $"cpu_ticks_by_pid={string.Join(',', spent.Select(pair => $"{pair.Key}:{pair.Value}"))} cpu_ticks={spent.Values.Sum()}";
    }

    private async Task<(List<long> Latencies, int Failures)> LoopAsync(LocalPerson person, long from, long until)
    {
        var latencies = new List<long>();
        var failures = 0;
        var text = options.Mode == "echo" ? EchoText : MyStudentsButton;
        while (Stopwatch.GetTimestamp() < until)
        {
            var sentAt = Stopwatch.GetTimestamp();
            LocalChatMessage? answer;
            try
            {
                answer = await AskAsync(person, text, AnswerTimeout);
            }
            catch (TimeoutException)
            {
                answer = null;
            }

            var answeredAt = Stopwatch.GetTimestamp();
            if (sentAt < from || answeredAt > until)
            {
                continue;
            }

            if (answer is not null && IsExpected(answer, text))
            {
                latencies.Add((answeredAt - sentAt) * 1_000_000 / Stopwatch.Frequency);
            }
            else
            {
                failures++;
            }
        }

        return (latencies, failures);
    }

    private bool IsExpected(LocalChatMessage answer, string sent) => options.Mode == "echo"
        ? answer.Text == sent
        : options.Expect is null || answer.InlineKeyboard.SelectMany(row => row).Any(button => button.Text.Contains(options.Expect, StringComparison.Ordinal));

    private async Task LinkAsync(LocalPerson person, IReadOnlyList<string> codes, int index, TimeSpan timeout)
    {
        var answer = await AskAsync(person, "/start", timeout);
        if (HasMenu(answer))
        {
            return;
        }

        if (index >= codes.Count)
        {
            throw new InvalidOperationException($"person {person.Id} is not linked and has no code (line {index + 1} of the codes file)");
        }

        answer = await AskAsync(person, codes[index], AnswerTimeout);
        if (!HasMenu(answer))
        {
            throw new InvalidOperationException($"person {person.Id} did not get the tutor's menu after their code; the bot said: {answer.Text}");
        }
    }

    private static bool HasMenu(LocalChatMessage answer) =>
        answer.ReplyKeyboard?.SelectMany(row => row).Any(button => button.Text == MyStudentsButton) == true;

    /// <summary>Sends a text as the person and waits for the bot's next message in their chat.</summary>
    private Task<LocalChatMessage> AskAsync(LocalPerson person, string text, TimeSpan timeout)
    {
        var sent = bot.SendText(person, text);
        return bot.WaitAsync(
            b => b.LastMessage(person.Id) is { FromBot: true } last && last.MessageId > sent.MessageId ? last : null,
            timeout,
            $"the bot's answer to {person.Id}");
    }

    private async Task<(IReadOnlyDictionary<int, long> Before, IReadOnlyDictionary<int, long> After)> MeasureCpuAsync(long from, long until)
    {
        await Task.Delay(Remaining(from));
        var pids = ProcessCpu.Read(options.PidsFile);
        var before = ProcessCpu.Ticks(pids);
        await Task.Delay(Remaining(until));
        return (before, ProcessCpu.Ticks(pids));
    }

    private static TimeSpan Remaining(long timestamp) =>
        TimeSpan.FromTicks(Math.Max(0, (timestamp - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));

    private static long Percentile(List<long> sorted, double quantile) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];
}
