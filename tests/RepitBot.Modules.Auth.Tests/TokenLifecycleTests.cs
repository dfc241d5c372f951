using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Auth.Tests;

public abstract class TokenLifecycleTests<THost>(THost host) : IClassFixture<THost>
    where THost : AuthHost
{
    [Fact]
    public async Task Login_answers_a_bearer_pair_whose_access_token_the_users_api_accepts()
    {
        var (tutor, code) = await host.NewTutorAsync();

        var pair = await host.LoginAsync(code);

        Assert.Equal(("bearer", 900, tutor.Id, UserRole.Tutor), (pair.TokenType, pair.ExpiresIn, pair.UserId, pair.UserRole));
        Assert.True(pair.RefreshToken.Length >= 43, "a refresh token carries at least 256 bits");
        var token = new JsonWebToken(pair.AccessToken);
        Assert.Equal(("HS256", "at+jwt", "repitbot"), (token.Alg, token.Typ, token.Issuer));
        Assert.False(string.IsNullOrEmpty(token.Kid));
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(HttpStatusCode.OK, await host.UsersApiStatusAsync(pair.AccessToken, tutor.Id));
    }

    [Fact]
    public async Task An_access_token_lives_15_minutes_plus_the_30_second_skew()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);

        host.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        var withinSkew = await host.UsersApiStatusAsync(pair.AccessToken, tutor.Id);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await host.UsersApiStatusAsync(pair.AccessToken, tutor.Id);

        Assert.Equal(HttpStatusCode.OK, withinSkew);
        Assert.Equal(HttpStatusCode.Unauthorized, expired);
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_consumes_the_old_token()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var first = await host.LoginAsync(code);

        var second = await (await host.RefreshAsync(first.RefreshToken)).ReadAsync<TokenPair>();

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(HttpStatusCode.OK, await host.UsersApiStatusAsync(second.AccessToken, tutor.Id));
        Assert.Equal(HttpStatusCode.OK, (await host.RefreshAsync(second.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Replaying_a_consumed_token_after_the_grace_revokes_the_whole_family_newest_token_included()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var first = await host.LoginAsync(code);
        var second = await (await host.RefreshAsync(first.RefreshToken)).ReadAsync<TokenPair>();
        var third = await (await host.RefreshAsync(second.RefreshToken)).ReadAsync<TokenPair>();
        host.Clock.Advance(TimeSpan.FromSeconds(10));

        var replay = await host.RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(third.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await host.UsersApiStatusAsync(third.AccessToken, tutor.Id));
        var audit = await AuditAsync($"user_id={tutor.Id}&event_type=refresh_reuse_detected");
        Assert.Equal(1, audit.Total);
    }

    [Fact]
    public async Task A_retry_within_the_grace_answers_the_same_pair_again_without_ending_the_session()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var first = await host.LoginAsync(code);
        var second = await (await host.RefreshAsync(first.RefreshToken)).ReadAsync<TokenPair>();
        host.Clock.Advance(TimeSpan.FromSeconds(2));

        var retry = await host.RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var again = await retry.ReadAsync<TokenPair>();
        Assert.Equal((second.AccessToken, second.RefreshToken), (again.AccessToken, again.RefreshToken));
        Assert.Equal(HttpStatusCode.OK, (await host.RefreshAsync(second.RefreshToken)).StatusCode);
        Assert.Equal(0, (await AuditAsync($"user_id={tutor.Id}&event_type=refresh_reuse_detected")).Total);
    }

    [Fact]
    public async Task A_retry_within_the_grace_after_the_successor_was_used_is_refused_without_ending_the_session()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var first = await host.LoginAsync(code);
        var second = await (await host.RefreshAsync(first.RefreshToken)).ReadAsync<TokenPair>();
        var third = await (await host.RefreshAsync(second.RefreshToken)).ReadAsync<TokenPair>();

        var retry = await host.RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, retry.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.RefreshAsync(third.RefreshToken)).StatusCode);
        Assert.Equal(0, (await AuditAsync($"user_id={tutor.Id}&event_type=refresh_reuse_detected")).Total);
    }

    [Fact]
    public async Task Parallel_refreshes_of_one_token_all_answer_the_same_successor_pair_and_raise_no_alarm()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.RefreshAsync(pair.RefreshToken)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var pairs = await Task.WhenAll(responses.Select(r => r.ReadAsync<TokenPair>()));
        Assert.Single(pairs.Select(p => (p.AccessToken, p.RefreshToken)).Distinct());
        Assert.Equal(HttpStatusCode.OK, (await host.RefreshAsync(pairs[0].RefreshToken)).StatusCode);
        Assert.Equal(0, (await AuditAsync($"user_id={tutor.Id}&event_type=refresh_reuse_detected")).Total);
    }

    [Fact]
    public async Task The_refresh_lifetime_is_30_days_from_the_login_however_often_it_rotates()
    {
        var (_, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);
        for (var day = 0; day < 29; day++)
        {
            host.Clock.Advance(TimeSpan.FromDays(1));
            pair = await (await host.RefreshAsync(pair.RefreshToken)).ReadAsync<TokenPair>();
        }

        host.Clock.Advance(TimeSpan.FromDays(1));
        var expired = await host.RefreshAsync(pair.RefreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Logout_kills_the_access_token_and_the_refresh_family_at_once()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);
        var client = host.WithToken(pair.AccessToken);

        var logout = await client.PostJsonAsync("/api/v1/auth/logout", new { refresh_token = pair.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await host.UsersApiStatusAsync(pair.AccessToken, tutor.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(pair.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Logout_answers_200_for_an_unknown_or_already_revoked_refresh_token()
    {
        var (_, code) = await host.NewTutorAsync();
        var first = await host.LoginAsync(code);
        await host.WithToken(first.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { refresh_token = first.RefreshToken });
        var second = await host.LoginAsync(code);

        var unknown = await host.WithToken(second.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { refresh_token = "no-such-token" });
        var third = await host.LoginAsync(code);
        var revoked = await host.WithToken(third.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { refresh_token = first.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
    }

    [Fact]
    public async Task Logout_with_another_users_refresh_token_leaves_that_session_alone()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var (_, otherCode) = await host.NewTutorAsync();
        var mine = await host.LoginAsync(tutorCode);
        var theirs = await host.LoginAsync(otherCode);

        await host.WithToken(mine.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { refresh_token = theirs.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, (await host.RefreshAsync(theirs.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_users_tokens_fail_within_seconds_and_cannot_be_refreshed()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var session = await host.LoginAsync(student.AccessCode);
        Assert.Equal(HttpStatusCode.OK, await host.UsersApiStatusAsync(session.AccessToken, student.User.Id));

        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);
        await tutor.PutJsonAsync($"/api/v1/users/{student.User.Id}", new { is_active = false });
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.Unauthorized, await host.UsersApiStatusAsync(session.AccessToken, student.User.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(session.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
    }

    [Fact]
    public async Task A_deleted_users_tokens_fail_within_seconds()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var session = await host.LoginAsync(student.AccessCode);

        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await tutor.DeleteAsync($"/api/v1/users/{student.User.Id}")).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        var introspection = await (await host.Factory.ServiceClient("users").PostJsonAsync("/api/v1/auth/validate", new { token = session.AccessToken })).ReadAsync<TokenIntrospection>();
        Assert.False(introspection.Active);
    }

    [Fact]
    public async Task Reissuing_the_code_ends_the_sessions_opened_with_the_old_one()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var old = await host.LoginAsync(student.AccessCode);
        host.Clock.Advance(TimeSpan.FromSeconds(2));

        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);
        var reissued = await (await tutor.PostAsync($"/api/v1/users/{student.User.Id}/access-code", null)).ReadAsync<UserWithAccessCode>();
        host.Clock.Advance(TimeSpan.FromSeconds(3));
        var fresh = await host.LoginAsync(reissued.AccessCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await host.UsersApiStatusAsync(old.AccessToken, student.User.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(old.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await host.UsersApiStatusAsync(fresh.AccessToken, student.User.Id));
        Assert.Equal(HttpStatusCode.OK, (await host.RefreshAsync(fresh.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task Logout_with_the_refresh_token_alone_ends_the_session_even_when_the_access_token_expired()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);
        host.Clock.Advance(TimeSpan.FromMinutes(20));
        var expired = host.WithToken(pair.AccessToken);

        var withExpiredBearer = await expired.PostJsonAsync("/api/v1/auth/logout", new { refresh_token = pair.RefreshToken });
        var second = await host.LoginAsync(code);
        var anonymous = await host.Anonymous().PostJsonAsync("/api/v1/auth/logout", new { refresh_token = second.RefreshToken });
        var unknown = await host.Anonymous().PostJsonAsync("/api/v1/auth/logout", new { refresh_token = "no-such-token" });

        Assert.Equal(HttpStatusCode.OK, withExpiredBearer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(pair.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(second.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await host.UsersApiStatusAsync(second.AccessToken, tutor.Id));
    }

    [Fact]
    public async Task Logout_without_any_credential_is_refused_as_incomplete()
    {
        var response = await host.Anonymous().PostJsonAsync("/api/v1/auth/logout", new { });

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, response.StatusCode.ToString());
    }

    [Fact]
    public async Task A_reactivated_users_sessions_from_before_the_deactivation_stay_ended()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var session = await host.LoginAsync(student.AccessCode);
        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);

        await tutor.PutJsonAsync($"/api/v1/users/{student.User.Id}", new { is_active = false });
        await tutor.PutJsonAsync($"/api/v1/users/{student.User.Id}", new { is_active = true });
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(session.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await host.UsersApiStatusAsync(session.AccessToken, student.User.Id));
        var fresh = await host.LoginAsync(student.AccessCode);
        Assert.Equal(HttpStatusCode.OK, await host.UsersApiStatusAsync(fresh.AccessToken, student.User.Id));
    }

    [Fact]
    public async Task A_reissued_code_ends_the_older_sessions_even_within_the_same_instant()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);
        var old = await host.LoginAsync(student.AccessCode);

        // The clock does not move: times cannot tell the old session from the new code, versions do.
        var reissued = await (await tutor.PostAsync($"/api/v1/users/{student.User.Id}/access-code", null)).ReadAsync<UserWithAccessCode>();
        var fresh = await host.LoginAsync(reissued.AccessCode);
        host.Clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.Unauthorized, await host.UsersApiStatusAsync(old.AccessToken, student.User.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(old.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await host.UsersApiStatusAsync(fresh.AccessToken, student.User.Id));
    }

    [Fact]
    public async Task Logout_needs_a_persons_bearer_token_not_a_service_key()
    {
        var response = await host.Factory.ServiceClient("bot").PostJsonAsync("/api/v1/auth/logout", new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<AuditPage> AuditAsync(string query) =>
        await (await host.WithToken((await host.AdminSessionAsync()).AccessToken).GetAsync($"/api/v1/auth/audit?{query}")).ReadAsync<AuditPage>();
}

public sealed class TokenLifecycleWithRedis(AuthHost host) : TokenLifecycleTests<AuthHost>(host);

public sealed class TokenLifecycleWithoutRedis(AuthHostWithoutRedis host) : TokenLifecycleTests<AuthHostWithoutRedis>(host);
