using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Remote;
using RepitBot.Testing;

namespace RepitBot.LocalChat.Tests;

/// <summary>
/// Headless Chromium driven by chromedriver, both from Debian's packages. chromedriver runs under a fixture watchdog
/// like every server a test starts (with the browser it starts in its process group), so nothing outlives the run;
/// the browser's profile lives in a temp folder of its own.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    private ServerProcess chromedriver = null!;
    private TempFolder profile = null!;

    public IWebDriver Driver { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var chromium = Installed("chromium");
        var driverBinary = Installed("chromedriver");
        profile = TempFolder.Create("repitbot-chromium-");
        var port = FreePort.Next();
        chromedriver = ServerProcess.Start(driverBinary, [$"--port={port}"], stopSignal: "KILL", folders: [profile.Path]);
        var options = new ChromeOptions { BinaryLocation = chromium };

        // As root Chromium needs --no-sandbox; /dev/shm may be small in a container.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1000,760", "--no-first-run", "--disable-background-networking", "--disable-extensions", $"--user-data-dir={Path.Combine(profile.Path, "profile")}", "--lang=ru");
        var address = new Uri($"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.AssertAsync(
            async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri(address, "/status"))).IsSuccessStatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            "chromedriver to answer on its port");
        Driver = new RemoteWebDriver(address, options.ToCapabilities(), TimeSpan.FromSeconds(60));
    }

    /// <summary>Where screenshots go: the test output folder.</summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    /// <summary>Saves every window of the browser as <c>{name}-{n}.png</c> in the test output folder; returns the paths.</summary>
    public IReadOnlyList<string> SaveScreenshots(string name)
    {
        var paths = new List<string>();
        try
        {
            var current = Driver.CurrentWindowHandle;
            var index = 0;
            foreach (var handle in Driver.WindowHandles)
            {
                Driver.SwitchTo().Window(handle);
                var path = Path.Combine(ScreenshotFolder, $"{name}-{++index}.png");
                ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(path);
                paths.Add(path);
            }

            Driver.SwitchTo().Window(current);
        }
        catch (WebDriverException)
        {
            // A browser that died cannot be photographed; the test's own failure says more.
        }

        return paths;
    }

    /// <summary>
    /// Runs a browser test; on failure saves a screenshot of each window to the test output folder and names them in
    /// the failure, which is rethrown as it was.
    /// </summary>
    public async Task RunAsync(string name, Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (Exception e)
        {
            var paths = SaveScreenshots(name);
            throw new Xunit.Sdk.XunitException($"{e.Message}\nScreenshots: {string.Join(", ", paths)}\n{e}");
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Driver?.Quit();
        }
        catch (WebDriverException)
        {
            // The watchdog ends chromedriver and the browser with it.
        }

        chromedriver?.Dispose();
        profile?.Dispose();
        return Task.CompletedTask;
    }

    private static string Installed(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin").Split(':').Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: apt-get install chromium chromium-driver (scripts/test.sh does it when run as root).");
}
