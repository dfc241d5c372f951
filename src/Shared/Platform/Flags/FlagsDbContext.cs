using Microsoft.EntityFrameworkCore;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>The deployment flags' shared store, in schema "platform": every instance of every role reads it.</summary>
internal abstract class FlagsDbContext(DbContextOptions options) : ModuleDbContext(options, FlagsDbContext.Schema)
{
    public const string Schema = "platform";

    public DbSet<FlagOverrideRow> Overrides => Set<FlagOverrideRow>();

    public DbSet<FlagChangeRow> Changes => Set<FlagChangeRow>();

    /// <summary>The context for the provider the flag store was resolved to; each provider's subclass has its migrations.</summary>
    public static FlagsDbContext Create(ModuleDatabaseOptions database)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            var postgres = new DbContextOptionsBuilder<PostgresFlagsDbContext>();
            postgres.UseModuleDatabase(database);
            return new PostgresFlagsDbContext(postgres.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteFlagsDbContext>();
        sqlite.UseModuleDatabase(database);
        return new SqliteFlagsDbContext(sqlite.Options);
    }

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
