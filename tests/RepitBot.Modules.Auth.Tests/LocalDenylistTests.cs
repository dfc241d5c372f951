using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RepitBot.Modules.Auth;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Shared.Contracts.Auth;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>When may this process's copy of the revocations answer a token check by itself?</summary>
public sealed class LocalDenylistTests
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly FakeTimeProvider realTime = new(DateTimeOffset.UtcNow);

    private LocalDenylist NewCopy() => new(clock, realTime, TimeSpan.FromSeconds(3));

    [Fact]
    public void Before_its_first_read_of_the_database_the_copy_says_nothing_of_a_token_it_does_not_hold()
    {
        var copy = NewCopy();
        copy.DenyToken("revoked", clock.GetUtcNow().UtcDateTime.AddMinutes(5));

        Assert.Null(copy.IsDenied("other", "some-session"));
        Assert.True(copy.IsDenied("revoked", null));
    }

    [Fact]
    public void A_copy_not_confirmed_by_the_database_for_longer_than_its_limit_leaves_the_answer_to_the_slow_way()
    {
        var copy = NewCopy();
        copy.DenySession("ended", clock.GetUtcNow().UtcDateTime.AddMinutes(5));
        copy.Confirm(7, copy.Timestamp());
        var fresh = copy.IsDenied("jti", "standing");

        realTime.Advance(TimeSpan.FromSeconds(4));

        Assert.False(fresh);
        Assert.Null(copy.IsDenied("jti", "standing"));
        Assert.True(copy.IsDenied("jti", "ended"));
    }

    [Fact]
    public void A_revocation_ends_with_the_tokens_it_could_concern_and_the_generation_never_goes_back()
    {
        var copy = NewCopy();
        copy.DenyToken("short", clock.GetUtcNow().UtcDateTime.AddMinutes(1));
        copy.Confirm(9, copy.Timestamp());
        copy.Confirm(8, copy.Timestamp());

        clock.Advance(TimeSpan.FromMinutes(2));
        copy.Prune();

        Assert.False(copy.IsDenied("short", null));
        Assert.Equal(9, copy.Generation);
    }

    [Fact]
    public async Task Given_a_database_restored_to_a_lower_generation_When_the_copy_is_refreshed_Then_it_reads_every_live_revocation_again_and_vouches_from_there()
    {
        // Arrange: a copy confirmed at generation 9; the database then comes back from a backup at generation 4, holding a
        // revocation the copy never saw (below the copy's generation, so a read "above 9" would never bring it).
        var until = clock.GetUtcNow().AddMinutes(5);
        var copy = NewCopy();
        var source = new RestoredDatabase(new RevocationFeed(9, [new RevokedEntry(false, "before-the-backup", until)]));
        var refresher = new LocalDenylistRefresher(copy, source, new AuthSettings(null!, 10, TimeSpan.FromSeconds(2)), clock, NullLogger<LocalDenylistRefresher>.Instance);
        Assert.True(await refresher.RefreshAsync(CancellationToken.None));
        source.Restore(new RevocationFeed(4, [new RevokedEntry(true, "only-in-the-restored-database", until)]));

        // Act: the copy's confirmation runs out, and the next refresh reads the restored database.
        realTime.Advance(TimeSpan.FromSeconds(4));
        var refreshed = await refresher.RefreshAsync(CancellationToken.None);

        // Assert: the copy vouches again, from the restored generation, with both revocations.
        Assert.True(refreshed);
        Assert.Equal(4, copy.Generation);
        Assert.False(copy.IsDenied("standing", "standing-session"));
        Assert.True(copy.IsDenied(null, "only-in-the-restored-database"));
        Assert.True(copy.IsDenied("before-the-backup", null));
        Assert.Equal(new long?[] { null, 9, null }, source.AskedAbove);
    }

    /// <summary>The Auth database as the copy reads it, with every revocation it holds (a feed above a generation: those above it).</summary>
    private sealed class RestoredDatabase(RevocationFeed held) : IRevocationSource
    {
        private RevocationFeed current = held;

        public List<long?> AskedAbove { get; } = [];

        public void Restore(RevocationFeed backup) => current = backup;

        public Task<RevocationFeed?> ReadAsync(long? held, CancellationToken cancellationToken)
        {
            AskedAbove.Add(held);
            var feed = held is { } above && above >= current.Generation ? current with { Revocations = [] } : current;
            return Task.FromResult<RevocationFeed?>(feed);
        }
    }
}
