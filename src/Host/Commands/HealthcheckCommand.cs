namespace RepitBot.Host.Commands;

/// <summary>
/// Asks this role's own /health, so a container health check needs no curl or wget in the image.
/// Reads only the settings that say where the role listens.
/// </summary>
internal static class HealthcheckCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var url = new Uri(new Uri(OwnAddress(configuration)), "/health");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{url}: no answer");
            return 1;
        }
    }

    private static string OwnAddress(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey] ?? configuration["ASPNETCORE_URLS"];
        string address;
        if (!string.IsNullOrWhiteSpace(urls))
        {
            address = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        }
        else
        {
            var (host, port) = HostRoles.From(configuration).DefaultAddress(configuration);
            address = $"http://{host}:{port}";
        }

        // A wildcard listen address is reached on loopback.
        return address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
    }
}
