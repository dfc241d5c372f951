namespace RepitBot.Shared.Platform.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
