using System.Net;
using System.Net.Http.Json;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using RepitBot.Testing;

namespace RepitBot.LocalChat.Tests;

/// <summary>What the tests' host processes need outside Development, and how a test gets an admin's token from one.</summary>
internal static partial class HostSettings
{
    public static Dictionary<string, string?> Production(int port, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(TestSecrets.NewServiceKeys())
        {
            ["API_PORT"] = HostProcess.Port(port),
            ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static async Task<string> LoginAsync(HttpClient http, int port, string code)
    {
        using var response = await http.PostAsJsonAsync(new Uri($"http://127.0.0.1:{port}/api/v1/auth/login"), new { access_code = code });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public static IPAddress NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(nic => nic.OperationalStatus == OperationalStatus.Up && nic.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Select(unicast => unicast.Address)
            .FirstOrDefault(address => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address))
        ?? throw new InvalidOperationException("This machine has no non-loopback IPv4 address to be another client from.");

    [GeneratedRegex("Admin access code: ([0-9A-Z-]{19})")]
    public static partial Regex AdminCode();
}
