using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users.Persistence;

// Used only by `dotnet ef migrations add`: the connection strings are never opened.
internal sealed class PostgresUsersDbContextFactory : IDesignTimeDbContextFactory<PostgresUsersDbContext>
{
    public PostgresUsersDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresUsersDbContext>();
        options.UseModuleDatabase(new ModuleDatabaseOptions(DatabaseProvider.PostgreSql, "Host=localhost;Database=design_time", UsersDbContext.Schema));
        return new PostgresUsersDbContext(options.Options);
    }
}

internal sealed class SqliteUsersDbContextFactory : IDesignTimeDbContextFactory<SqliteUsersDbContext>
{
    public SqliteUsersDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteUsersDbContext>();
        options.UseModuleDatabase(new ModuleDatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design_time.db", UsersDbContext.Schema));
        return new SqliteUsersDbContext(options.Options);
    }
}
