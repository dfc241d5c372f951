using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

/// <summary>No access code or its secret is ever stored, answered after creation, or logged.</summary>
public abstract class SecretsTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    [Fact]
    public async Task No_code_or_secret_is_in_the_store_in_responses_after_creation_or_in_the_logs()
    {
        var tutor = await host.NewTutorAsync();
        var issued = new List<string>();
        var student = await host.NewStudentAsync(tutor);
        issued.Add(student.AccessCode);
        var service = host.Factory.ServiceClient("auth");
        await service.PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = student.AccessCode, telegram_id = Random.Shared.NextInt64(1, long.MaxValue) });
        await service.PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = student.AccessCode.ToLowerInvariant() });
        var reissued = await (await host.As(tutor).PostAsync($"/api/v1/users/{student.User.Id}/access-code", null)).ReadAsync<UserWithAccessCode>();
        issued.Add(reissued.AccessCode);
        var parent = await host.CreateAsync(host.As(tutor), new { full_name = "Родитель Секретов", role = "parent" });
        issued.Add(parent.AccessCode);

        var reads = string.Join('\n', await Task.WhenAll(
            host.As(tutor).GetStringAsync("/api/v1/users?size=100"),
            host.As(tutor).GetStringAsync($"/api/v1/users/{student.User.Id}"),
            host.As(tutor).GetStringAsync($"/api/v1/users/{parent.User.Id}")));
        var store = await host.DumpStoreAsync();
        var logs = host.Factory.Logs.All + host.OtherLogs;

        // The dump is real: it holds the rows, with the public lookup part of the current code stored on purpose.
        Assert.Contains(reissued.AccessCode[..4], store, StringComparison.Ordinal);
        foreach (var code in issued)
        {
            var plain = code.Replace("-", string.Empty, StringComparison.Ordinal);
            foreach (var secret in new[] { code, plain, plain[6..], code.ToLowerInvariant() })
            {
                Assert.DoesNotContain(secret, store, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(secret, reads, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Contains("$2", store, StringComparison.Ordinal);
        Assert.DoesNotContain("\"access_code\"", reads, StringComparison.Ordinal);
        Assert.NotEmpty(host.Factory.Logs.Lines);
    }
}

public sealed class SecretsOnPostgres(PostgresUsersHost host) : SecretsTests<PostgresUsersHost>(host);

public sealed class SecretsOnSqlite(SqliteUsersHost host) : SecretsTests<SqliteUsersHost>(host);

public sealed class SecretsThroughUserService(RemoteUsersHost host) : SecretsTests<RemoteUsersHost>(host);
