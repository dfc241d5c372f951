using Npgsql;
using RepitBot.Testing;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>What no longer matters goes on a schedule: ended sessions, expired revocations, audit rows past retention.</summary>
public sealed class RetentionTests(AuthHostWithQuickRetention host) : IClassFixture<AuthHostWithQuickRetention>
{
    [Fact]
    public async Task Expired_sessions_revocations_and_old_audit_rows_are_removed_and_live_ones_kept()
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var expiredSession = Guid.NewGuid();
        var liveSession = Guid.NewGuid();
        var expiredJti = "expired-" + Guid.NewGuid().ToString("N");
        var liveJti = "live-" + Guid.NewGuid().ToString("N");
        var oldAudit = "old-" + Guid.NewGuid().ToString("N")[..8];
        var recentAudit = "recent-" + Guid.NewGuid().ToString("N")[..8];

        await ExecuteAsync(
            """
            INSERT INTO auth.token_families (id, user_id, created_at, expires_at) VALUES (@expired, 1, @long_ago, @yesterday), (@live, 1, @now, @next_month);
            INSERT INTO auth.refresh_tokens (id, family_id, token_hash, created_at) VALUES (@t1, @expired, @h1, @long_ago), (@t2, @live, @h2, @now);
            INSERT INTO auth.revoked_access_tokens (jti, expires_at, revoked_at) VALUES (@expired_jti, @an_hour_ago, @long_ago), (@live_jti, @in_ten_minutes, @now);
            INSERT INTO auth.audit_events (occurred_at, event_type, outcome, detail) VALUES (@past_retention, 'login', 'success', @old_audit), (@yesterday, 'login', 'success', @recent_audit);
            """,
            ("expired", expiredSession), ("live", liveSession), ("t1", Guid.NewGuid()), ("t2", Guid.NewGuid()),
            ("h1", Guid.NewGuid().ToString("N")), ("h2", Guid.NewGuid().ToString("N")),
            ("expired_jti", expiredJti), ("live_jti", liveJti), ("old_audit", oldAudit), ("recent_audit", recentAudit),
            ("now", now), ("long_ago", now.AddDays(-40)), ("yesterday", now.AddDays(-1)), ("next_month", now.AddDays(30)),
            ("an_hour_ago", now.AddHours(-1)), ("in_ten_minutes", now.AddMinutes(10)),
            ("past_retention", now.AddDays(-AuthHostWithQuickRetention.AuditRetentionDays - 1)));

        await Eventually.AssertAsync(
            async () => await CountAsync("SELECT count(*) FROM auth.token_families WHERE id = @id", ("id", expiredSession)) == 0
                && await CountAsync("SELECT count(*) FROM auth.revoked_access_tokens WHERE jti = @id", ("id", expiredJti)) == 0
                && await CountAsync("SELECT count(*) FROM auth.audit_events WHERE detail = @id", ("id", oldAudit)) == 0,
            TimeSpan.FromSeconds(30),
            "the expired rows removed");

        Assert.Equal(0, await CountAsync("SELECT count(*) FROM auth.refresh_tokens WHERE family_id = @id", ("id", expiredSession)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM auth.token_families WHERE id = @id", ("id", liveSession)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM auth.refresh_tokens WHERE family_id = @id", ("id", liveSession)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM auth.revoked_access_tokens WHERE jti = @id", ("id", liveJti)));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM auth.audit_events WHERE detail = @id", ("id", recentAudit)));
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(host.Postgres.ConnectionString(host.AuthDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(host.Postgres.ConnectionString(host.AuthDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }
}
