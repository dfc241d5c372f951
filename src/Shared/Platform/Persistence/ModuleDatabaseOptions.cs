namespace RepitBot.Shared.Platform.Persistence;

/// <summary>Where one module keeps its data: a provider, a connection string and the schema the module owns.</summary>
public sealed record ModuleDatabaseOptions(DatabaseProvider Provider, string ConnectionString, string Schema);
