using System.Net;
using System.Net.Sockets;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// Stands in for Docker's embedded DNS (which needs a Docker engine): answers A queries for the names it is told,
/// with a 1 s TTL, on a loopback UDP port. The gateway's resolver asks it, as it asks 127.0.0.11 in compose, when the
/// nginx under test re-resolves its upstreams (1.27.3 or later, REPITBOT_TEST_NGINX); Debian 12's nginx 1.22 resolves
/// them once through the system instead (see NativeTopology).
/// </summary>
internal sealed class StubDnsServer : IDisposable
{
    private readonly UdpClient udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly Dictionary<string, IPAddress[]> records = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public StubDnsServer()
    {
        serving = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)udp.Client.LocalEndPoint!).Port;

    public void Answer(string name, params IPAddress[] addresses)
    {
        lock (records)
        {
            records[name.TrimEnd('.')] = addresses;
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        udp.Dispose();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket; how it ended is of no interest.
        }

        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await udp.ReceiveAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (Reply(request.Buffer) is { } reply)
            {
                await udp.SendAsync(reply, request.RemoteEndPoint, stopping.Token);
            }
        }
    }

    private byte[]? Reply(byte[] query)
    {
        // Header (12 bytes), then one question: labels up to a zero byte, type and class.
        if (query.Length < 17)
        {
            return null;
        }

        var position = 12;
        var labels = new List<string>();
        while (position < query.Length && query[position] != 0)
        {
            var length = query[position];
            labels.Add(System.Text.Encoding.ASCII.GetString(query, position + 1, length));
            position += length + 1;
        }

        var questionEnd = position + 5;
        if (questionEnd > query.Length)
        {
            return null;
        }

        var type = (query[position + 1] << 8) | query[position + 2];
        IPAddress[]? addresses;
        lock (records)
        {
            records.TryGetValue(string.Join('.', labels), out addresses);
        }

        var answers = type == 1 ? addresses ?? [] : [];
        var reply = new List<byte>(query[..questionEnd]);
        reply[2] = 0x81; // response, recursion desired
        reply[3] = addresses is null ? (byte)0x83 : (byte)0x80; // NXDOMAIN for a name it does not know
        reply[6] = 0;
        reply[7] = (byte)answers.Length;
        reply[8] = reply[9] = reply[10] = reply[11] = 0;
        foreach (var address in answers)
        {
            reply.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 1, 0, 4]);
            reply.AddRange(address.GetAddressBytes());
        }

        return [.. reply];
    }
}
