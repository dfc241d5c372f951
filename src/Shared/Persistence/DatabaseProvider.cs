namespace RepitBot.Shared.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
