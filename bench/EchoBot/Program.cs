using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RepitBot.Bench.EchoBot;
using Telegram.Bot;

// TELEGRAM_BOT_TOKEN and TELEGRAM_API_BASE_URL, as RepitBot's bot reads them; the client registered as the bot registers its own.
var builder = Host.CreateApplicationBuilder(args);
var token = builder.Configuration["TELEGRAM_BOT_TOKEN"] ?? throw new InvalidOperationException("TELEGRAM_BOT_TOKEN is not set.");
var baseUrl = builder.Configuration["TELEGRAM_API_BASE_URL"];
var parallel = int.Parse(builder.Configuration["TELEGRAM_MAX_PARALLEL_CHATS"] ?? "16", System.Globalization.CultureInfo.InvariantCulture);
builder.Services.AddHttpClient("telegram-bot-api")
    .RemoveAllLoggers()
    .AddTypedClient<ITelegramBotClient>((http, _) => new TelegramBotClient(new TelegramBotClientOptions(token, baseUrl) { RetryCount = 0 }, http));
builder.Services.AddHostedService(provider => new EchoService(provider.GetRequiredService<IServiceScopeFactory>(), parallel));
await builder.Build().RunAsync();
