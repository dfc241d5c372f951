namespace RepitBot.Shared.Platform.Persistence;

/// <summary>
/// Where one module keeps its data: a provider, a connection string and the schema the module owns.
/// <see cref="IsEmbeddedDefault"/> when no setting named a database and the module fell back to SQLite under DATA_DIR.
/// </summary>
public sealed record ModuleDatabaseOptions(DatabaseProvider Provider, string ConnectionString, string Schema, bool IsEmbeddedDefault = false)
{
    /// <summary>Never the connection string: it may hold a password, and this may reach a log by accident.</summary>
    public override string ToString() => $"{Provider} database, schema {Schema}";
}
