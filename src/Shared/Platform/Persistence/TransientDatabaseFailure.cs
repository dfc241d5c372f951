using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace RepitBot.Shared.Platform.Persistence;

/// <summary>
/// Tells a database failure that passes (a restarting server, a broken pooled connection, a timeout) from a fault of
/// the code: the first is answered 503 with Retry-After, the client may simply try again; the second stays a 500.
/// </summary>
internal static class TransientDatabaseFailure
{
    public const int RetryAfterSeconds = 5;

    public static bool IsTransient(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is RetryLimitExceededException or DbException { IsTransient: true } or Npgsql.NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException or TimeoutException })
            {
                return true;
            }
        }

        return false;
    }
}
