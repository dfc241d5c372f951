using RepitBot.Bench.BotLoad;
using RepitBot.BotApiServer;

// Prints "LISTENING <base url>" once the server is up (the script starts the bot then), progress on stderr, and at the
// end one "RESULT ..." line in the format bench/wrk/report.lua prints, plus the CPU ticks of the processes in the pids file,
// each (cpu_ticks_by_pid=PID:TICKS,...) and summed (cpu_ticks).
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using var server = await LocalBotApiServer.StartAsync(options.Port);
Console.WriteLine($"LISTENING {server.BaseUrl}");
var bot = server.Api.Bot(options.Token);
var people = Enumerable.Range(0, options.Chats)
    .Select(i => new LocalPerson(options.FirstPersonId + i, $"Bench{i + 1}", $"bench_person_{i + 1}"))
    .ToList();
var load = new ClosedLoop(bot, options);
try
{
    await load.PrepareAsync(people);
    var result = await load.RunAsync(people);
    Console.WriteLine(result);
    return 0;
}
catch (Exception e) when (e is TimeoutException or InvalidOperationException)
{
    Console.Error.WriteLine($"bot load failed: {e.Message}");
    return 1;
}
