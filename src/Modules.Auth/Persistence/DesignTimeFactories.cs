using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth.Persistence;

// Used only by `dotnet ef migrations add`: the connection strings are never opened.
internal sealed class PostgresAuthDbContextFactory : IDesignTimeDbContextFactory<PostgresAuthDbContext>
{
    public PostgresAuthDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresAuthDbContext>();
        options.UseModuleDatabase(new ModuleDatabaseOptions(DatabaseProvider.PostgreSql, "Host=localhost;Database=design_time", AuthDbContext.Schema));
        return new PostgresAuthDbContext(options.Options);
    }
}

internal sealed class SqliteAuthDbContextFactory : IDesignTimeDbContextFactory<SqliteAuthDbContext>
{
    public SqliteAuthDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteAuthDbContext>();
        options.UseModuleDatabase(new ModuleDatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design_time.db", AuthDbContext.Schema));
        return new SqliteAuthDbContext(options.Options);
    }
}
