using System.Net;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>
/// The token lifecycle across real processes: the host calls a real Auth Service, which asks a real User Service, so
/// the code version travels over HTTP (in the user) and every refresh and logout crosses the wire.
/// </summary>
public sealed class TokenLifecycleThroughServicesTests(RemoteAuthHost host) : IClassFixture<RemoteAuthHost>
{
    [Fact]
    public async Task A_reissued_code_ends_the_older_sessions_through_the_services()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);
        var old = await host.LoginAsync(student.AccessCode);

        var reissued = await (await tutor.PostAsync($"/api/v1/users/{student.User.Id}/access-code", null)).ReadAsync<UserWithAccessCode>();
        var fresh = await host.LoginAsync(reissued.AccessCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(old.RefreshToken)).StatusCode);
        await Eventually.AssertAsync(async () => await host.UsersApiStatusAsync(old.AccessToken, student.User.Id) == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(20), "the old access token refused");
        Assert.Equal(HttpStatusCode.OK, await host.UsersApiStatusAsync(fresh.AccessToken, student.User.Id));
        Assert.True(reissued.User.CodeVersion > student.User.CodeVersion, "the reissue raised the code version");
    }

    [Fact]
    public async Task A_reactivated_users_refresh_token_from_before_stays_refused_through_the_services()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var session = await host.LoginAsync(student.AccessCode);
        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);

        await tutor.PutJsonAsync($"/api/v1/users/{student.User.Id}", new { is_active = false });
        await tutor.PutJsonAsync($"/api/v1/users/{student.User.Id}", new { is_active = true });

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(session.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
    }

    [Fact]
    public async Task Parallel_refreshes_answer_one_pair_and_the_refresh_token_alone_logs_out_through_the_services()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.RefreshAsync(pair.RefreshToken)));
        var pairs = await Task.WhenAll(responses.Select(r => r.ReadAsync<TokenPair>()));
        var logout = await host.Anonymous().PostJsonAsync("/api/v1/auth/logout", new { refresh_token = pairs[0].RefreshToken });

        Assert.Single(pairs.Select(p => (p.AccessToken, p.RefreshToken)).Distinct());
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.RefreshAsync(pairs[0].RefreshToken)).StatusCode);
        await Eventually.AssertAsync(async () => await host.UsersApiStatusAsync(pairs[0].AccessToken, tutor.Id) == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(20), "the session's access token refused");
    }
}
