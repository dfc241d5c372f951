namespace RepitBot.Shared.Platform.Persistence;

/// <summary>A module's database as this process uses it, recorded when the module registers its store.</summary>
internal sealed record ModuleStore(string Module, ModuleDatabaseOptions Database);
