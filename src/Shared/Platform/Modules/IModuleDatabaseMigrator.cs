namespace RepitBot.Shared.Platform.Modules;

/// <summary>
/// A module's schema, as the host's <c>migrate</c> command and the start-up migration see it. Each module that owns
/// tables registers one.
/// </summary>
public interface IModuleDatabaseMigrator
{
    string Module { get; }

    Task MigrateAsync(CancellationToken cancellationToken);
}
