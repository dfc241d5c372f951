using Microsoft.EntityFrameworkCore;

namespace RepitBot.Shared.Platform.Persistence;

/// <summary>
/// The base of every module's DbContext: the module's own schema on PostgreSQL (SQLite has none; each module has its
/// own file) and UTC timestamps cut to microseconds. A module adds its model in <see cref="ConfigureModel"/>.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options, string schema) : DbContext(options)
{
    protected sealed override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => UtcTimestamps.Apply(configurationBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Database.IsNpgsql())
        {
            modelBuilder.HasDefaultSchema(schema);
        }

        ConfigureModel(modelBuilder);
    }

    protected abstract void ConfigureModel(ModelBuilder modelBuilder);
}
