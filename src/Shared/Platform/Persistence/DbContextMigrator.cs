using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RepitBot.Shared.Platform.Modules;

namespace RepitBot.Shared.Platform.Persistence;

/// <summary>
/// Applies a module's EF Core migrations, in a scope of its own. On PostgreSQL the whole run holds a session advisory
/// lock of the module: EF Core's own lock lasts one migration's transaction, so two processes starting together (a
/// service and a host on one store) could each apply the second of two pending migrations.
/// </summary>
internal sealed class DbContextMigrator<TContext>(string module, IServiceScopeFactory scopes) : IModuleDatabaseMigrator
    where TContext : DbContext
{
    public string Module => module;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<TContext>().Database;
        if (!database.IsNpgsql())
        {
            await database.MigrateAsync(cancellationToken);
            return;
        }

        // A connection of its own: the lock is the session's, and EF Core may open and close its connection meanwhile.
        // Unpooled, so the lock ends with the session even if its release fails: pooled connections are not reset.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.GetConnectionString()) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"repitbot-migrations:{module}")), 0);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            acquire.Parameters.AddWithValue("key", key);
            await acquire.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", key);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }
}
