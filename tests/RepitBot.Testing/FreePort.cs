using System.Net;
using System.Net.Sockets;

namespace RepitBot.Testing;

public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// A loopback port nobody listens on right now (the OS picks it) and that this test process has not handed out
    /// before: the OS may pick a released port again, and two fixtures started in parallel would then share it.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Gate)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
