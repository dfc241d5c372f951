using Microsoft.Extensions.Time.Testing;
using Prometheus;
using RepitBot.Modules.Auth.Application;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Monitoring;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>The last known status of a user: bounded in time, and never an older answer over a newer one.</summary>
public sealed class UserStatusCacheTests
{
    private static readonly DateTime Issued = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
    private const int CodeVersion = 3;
    private static readonly UserStatus Active = new(UserRole.Tutor, CodeVersion);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(Issued));

    [Fact]
    public async Task Given_Users_unreachable_Then_the_last_known_status_stands_until_it_is_older_than_the_limit()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5));
        Assert.True(await cache.IsActiveAsync(1, CodeVersion, Answer(Active), UserRole.Tutor, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(4));
        var stale = await cache.IsActiveAsync(1, CodeVersion, Answer(null), UserRole.Tutor, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var tooOld = await cache.IsActiveAsync(1, CodeVersion, Answer(null), UserRole.Tutor, CancellationToken.None);

        Assert.True(stale);
        Assert.NotNull(cache.LastStaleAnswer);
        Assert.Null(tooOld);
    }

    [Fact]
    public async Task Given_a_deactivation_learned_by_a_later_question_When_an_earlier_answer_arrives_after_it_Then_the_deactivation_stands()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5));
        var slowAnswer = new TaskCompletionSource<UserStatus?>();

        // The first question is asked, and its answer (still active) is slow to come back.
        var first = cache.IsActiveAsync(1, CodeVersion, (_, _) => slowAnswer.Task, UserRole.Tutor, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(3));

        // A later question learns that the user was deactivated meanwhile.
        Assert.False(await cache.IsActiveAsync(1, CodeVersion, Answer(UserStatus.Gone), UserRole.Tutor, CancellationToken.None));
        slowAnswer.SetResult(Active);
        Assert.False(await first);

        // With Users gone quiet, the status that stands in is the deactivation, not the older "active".
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(await cache.IsActiveAsync(1, CodeVersion, Answer(null), UserRole.Tutor, CancellationToken.None));
    }

    [Fact]
    public async Task Given_a_session_of_an_older_code_version_Then_it_is_over_and_a_session_of_the_current_one_stands()
    {
        var cache = NewCache(TimeSpan.FromMinutes(5));

        var older = await cache.IsActiveAsync(1, CodeVersion - 1, Answer(Active), UserRole.Tutor, CancellationToken.None);
        var current = await cache.IsActiveAsync(1, CodeVersion, Answer(Active), UserRole.Tutor, CancellationToken.None);

        Assert.False(older);
        Assert.True(current);
    }

    private static Func<long, CancellationToken, Task<UserStatus?>> Answer(UserStatus? status) => (_, _) => Task.FromResult(status);

    private UserStatusCache NewCache(TimeSpan maxStaleness) => new(
        clock,
        new AuthSettings(new ModuleDatabaseOptions(DatabaseProvider.Sqlite, "Data Source=unused.db", "auth"), 10, maxStaleness),
        new ModuleMetrics(Metrics.NewCustomRegistry()));
}
