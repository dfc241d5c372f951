using Microsoft.Data.Sqlite;
using Npgsql;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed class DatabaseUrlTests
{
    private const string Setting = "USER_SERVICE_DATABASE_URL";
    private const string Password = "hunter2-Zq9";

    [Theory]
    [InlineData("postgresql")]
    [InlineData("postgres")]
    [InlineData("postgresql+asyncpg")]
    public void Given_a_PostgreSQL_URL_Then_every_part_reaches_the_connection_string(string scheme)
    {
        var (provider, connectionString) = DatabaseUrl.Parse(Setting, $"{scheme}://repitbot:{Password}@db.internal:6543/repitbot_users");

        Assert.Equal(DatabaseProvider.PostgreSql, provider);
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal("db.internal", parts.Host);
        Assert.Equal(6543, parts.Port);
        Assert.Equal("repitbot_users", parts.Database);
        Assert.Equal("repitbot", parts.Username);
        Assert.Equal(Password, parts.Password);
    }

    [Fact]
    public void Given_the_deployment_guide_form_postgresql_asyncpg_user_pass_host_port_db_Then_it_is_read_as_PostgreSQL()
    {
        // The guide's line with its placeholders filled in, as an operator pastes it.
        var (provider, connectionString) = DatabaseUrl.Parse(Setting, "postgresql+asyncpg://user:pass@postgres:5432/db");

        Assert.Equal(DatabaseProvider.PostgreSql, provider);
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(("postgres", 5432, "db", "user", "pass"), (parts.Host, parts.Port, parts.Database, parts.Username, parts.Password));
    }

    [Fact]
    public void Given_percent_encoded_user_and_password_Then_they_are_decoded()
    {
        var (_, connectionString) = DatabaseUrl.Parse(Setting, "postgresql://app%40corp:p%40ss%3Aw%2Frd%25@db:5432/users");

        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal("app@corp", parts.Username);
        Assert.Equal("p@ss:w/rd%", parts.Password);
    }

    [Fact]
    public void Given_no_port_Then_the_PostgreSQL_default_5432_is_used()
    {
        var (_, connectionString) = DatabaseUrl.Parse(Setting, $"postgresql://app:{Password}@db/users");

        Assert.Equal(5432, new NpgsqlConnectionStringBuilder(connectionString).Port);
    }

    [Fact]
    public void Given_query_parameters_Then_sslmode_timeout_and_application_name_are_applied()
    {
        var (_, connectionString) = DatabaseUrl.Parse(Setting, "postgresql://app:pw@db:5432/users?sslmode=require&connect_timeout=7&application_name=repitbot");

        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(SslMode.Require, parts.SslMode);
        Assert.Equal(7, parts.Timeout);
        Assert.Equal("repitbot", parts.ApplicationName);
    }

    [Theory]
    [InlineData("postgresql://app:pw@db:5432/users")]
    [InlineData("Host=db;Database=users;Username=app;Password=pw")]
    public void Given_a_PostgreSQL_setting_without_pool_options_Then_pooled_connections_are_neither_reset_nor_reparsed(string value)
    {
        var parts = new NpgsqlConnectionStringBuilder(DatabaseUrl.Parse(Setting, value).ConnectionString);

        // No DISCARD ALL run by the server for every request, and repeated statements prepared once per connection.
        Assert.True(parts.NoResetOnClose);
        Assert.True(parts.MaxAutoPrepare > 0);
    }

    [Fact]
    public void Given_pool_options_in_the_setting_Then_the_operator_s_values_stand()
    {
        var parts = new NpgsqlConnectionStringBuilder(DatabaseUrl.Parse(Setting, "Host=db;Database=users;No Reset On Close=false;Max Auto Prepare=0").ConnectionString);

        Assert.False(parts.NoResetOnClose);
        Assert.Equal(0, parts.MaxAutoPrepare);
    }

    [Fact]
    public void Given_an_Npgsql_keyword_connection_string_Then_it_is_PostgreSQL_with_the_same_values()
    {
        var (provider, connectionString) = DatabaseUrl.Parse(Setting, $"Host=db;Port=5433;Database=users;Username=app;Password={Password}");

        Assert.Equal(DatabaseProvider.PostgreSql, provider);
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(("db", 5433, "users", "app", Password), (parts.Host, parts.Port, parts.Database, parts.Username, parts.Password));
    }

    [Theory]
    [InlineData("sqlite:///data/users.db", "data/users.db")]
    [InlineData("sqlite:////var/lib/repitbot/users.db", "/var/lib/repitbot/users.db")]
    [InlineData("Data Source=data/users.db", "data/users.db")]
    [InlineData("DataSource=/var/lib/repitbot/users.db", "/var/lib/repitbot/users.db")]
    [InlineData("  sqlite:///data/users.db  ", "data/users.db")]
    public void Given_a_SQLite_setting_Then_it_names_the_file_relative_or_absolute_as_written(string value, string expectedFile)
    {
        var (provider, connectionString) = DatabaseUrl.Parse(Setting, value);

        Assert.Equal(DatabaseProvider.Sqlite, provider);
        Assert.Equal(expectedFile, new SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    [Theory]
    [InlineData($"mysql://app:{Password}@db:3306/users")]
    [InlineData($"postgresql://app:{Password}@db:5432")]
    [InlineData($"postgresql://app:{Password}@db:5432/")]
    [InlineData($"postgresql+asyncpg://app:{Password}@host:port/db")]
    [InlineData($"postgresql://app:{Password}@db:5432/users?frobnicate=1")]
    [InlineData($"postgresql://app:{Password}@db:5432/users?sslmode=sometimes")]
    [InlineData($"Password={Password};Database=users")]
    [InlineData($"Host=db;Password={Password};Frobnicate=yes")]
    [InlineData($"Data Source=users.db;Password={Password};Frobnicate=yes")]
    [InlineData($"just {Password} and nothing else")]
    [InlineData("sqlite:///")]
    public void Given_a_value_that_is_no_database_setting_Then_the_error_names_the_setting_and_never_the_password(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => DatabaseUrl.Parse(Setting, value));

        Assert.Equal(Setting, error.Setting);
        Assert.StartsWith($"{Setting}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }
}
