using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>The deployment flags' shared store, in schema "platform": every instance of every role reads it.</summary>
internal abstract class FlagsDbContext(DbContextOptions options) : ModuleDbContext(options, FlagsDbContext.Schema)
{
    public const string Schema = "platform";

    public DbSet<FlagOverrideRow> Overrides => Set<FlagOverrideRow>();

    public DbSet<FlagChangeRow> Changes => Set<FlagChangeRow>();

    /// <summary>
    /// The options of the provider's own subclass (each carries that provider's migrations), built once: where the
    /// flags live is only known after every module has registered, too late for AddDbContext.
    /// </summary>
    public static DbContextOptions OptionsFor(ModuleDatabaseOptions database, ILoggerFactory loggers)
    {
        DbContextOptionsBuilder builder = database.Provider == DatabaseProvider.PostgreSql
            ? new DbContextOptionsBuilder<PostgresFlagsDbContext>()
            : new DbContextOptionsBuilder<SqliteFlagsDbContext>();
        return builder.UseModuleDatabase(database).UseLoggerFactory(loggers).Options;
    }

    public static FlagsDbContext Create(ModuleDatabaseOptions database, DbContextOptions options) => database.Provider == DatabaseProvider.PostgreSql
        ? new PostgresFlagsDbContext((DbContextOptions<PostgresFlagsDbContext>)options)
        : new SqliteFlagsDbContext((DbContextOptions<SqliteFlagsDbContext>)options);

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FlagOverrideRow>(flag =>
        {
            flag.ToTable("feature_flags");
            flag.HasKey(f => f.Name);
            flag.Property(f => f.Name).HasMaxLength(64);
            flag.Property(f => f.ChangedBy).HasMaxLength(64);
        });

        modelBuilder.Entity<FlagChangeRow>(change =>
        {
            change.ToTable("feature_flag_changes");
            change.HasKey(c => c.Id);
            change.Property(c => c.Name).HasMaxLength(64);
            change.Property(c => c.ChangedBy).HasMaxLength(64);
            change.HasIndex(c => c.ChangedAt);
        });
    }
}

internal sealed class PostgresFlagsDbContext(DbContextOptions<PostgresFlagsDbContext> options) : FlagsDbContext(options);

internal sealed class SqliteFlagsDbContext(DbContextOptions<SqliteFlagsDbContext> options) : FlagsDbContext(options);

internal sealed class PostgresFlagsDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresFlagsDbContext>
{
    public PostgresFlagsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresFlagsDbContext>();
        options.UseModuleDatabase(new ModuleDatabaseOptions(DatabaseProvider.PostgreSql, "Host=localhost;Database=design_time", FlagsDbContext.Schema));
        return new PostgresFlagsDbContext(options.Options);
    }
}

internal sealed class SqliteFlagsDbContextFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SqliteFlagsDbContext>
{
    public SqliteFlagsDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteFlagsDbContext>();
        options.UseModuleDatabase(new ModuleDatabaseOptions(DatabaseProvider.Sqlite, "Data Source=design_time.db", FlagsDbContext.Schema));
        return new SqliteFlagsDbContext(options.Options);
    }
}
