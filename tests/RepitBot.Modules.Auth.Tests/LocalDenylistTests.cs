using Microsoft.Extensions.Time.Testing;
using RepitBot.Modules.Auth.Revocation;

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
}
