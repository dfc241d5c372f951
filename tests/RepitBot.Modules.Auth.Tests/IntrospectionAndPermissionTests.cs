using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Auth.Tests;

public abstract class IntrospectionAndPermissionTests<THost>(THost host) : IClassFixture<THost>
    where THost : AuthHost
{
    private async Task<TokenIntrospection> IntrospectAsync(string token) =>
        await (await host.Factory.ServiceClient("users").PostJsonAsync("/api/v1/auth/validate", new { token })).ReadAsync<TokenIntrospection>();

    [Fact]
    public async Task Validate_tells_the_services_who_a_live_token_is_for_and_nothing_about_a_dead_one()
    {
        var (tutor, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);

        var live = await IntrospectAsync(pair.AccessToken);
        await host.WithToken(pair.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { });
        var dead = await IntrospectAsync(pair.AccessToken);
        var garbage = await IntrospectAsync("garbage");
        var forged = await IntrospectAsync(host.Factory.Tokens.For(tutor.Id, "tutor", key: TestSecrets.NewJwtKey()));

        Assert.Equal((true, tutor.Id, UserRole.Tutor), (live.Active, live.UserId, live.Role));
        Assert.True(live.Exp > live.Iat);
        Assert.Equal(TokenIntrospection.Inactive, dead);
        Assert.Equal(TokenIntrospection.Inactive, garbage);
        Assert.Equal(TokenIntrospection.Inactive, forged);
    }

    [Fact]
    public async Task Only_the_services_may_introspect()
    {
        var (_, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);

        var asPerson = await host.WithToken(pair.AccessToken).PostJsonAsync("/api/v1/auth/validate", new { token = pair.AccessToken });
        var anonymous = await host.Anonymous().PostJsonAsync("/api/v1/auth/validate", new { token = pair.AccessToken });

        Assert.Equal(HttpStatusCode.Forbidden, asPerson.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_revocation_feed_gives_the_services_each_revocation_above_the_generation_they_hold()
    {
        var (_, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(pair.AccessToken);
        Assert.True(token.TryGetPayloadValue<string>("sid", out var sid));

        var before = await FeedAsync(null);
        await host.WithToken(pair.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { refresh_token = pair.RefreshToken });
        var after = await FeedAsync(before.Generation);
        var nothingNew = await FeedAsync(after.Generation);

        Assert.DoesNotContain(before.Revocations, r => r.Id == sid || r.Id == token.Id);
        Assert.True(after.Generation > before.Generation);
        Assert.Contains(after.Revocations, r => r.Session && r.Id == sid);
        Assert.Contains(after.Revocations, r => !r.Session && r.Id == token.Id);
        Assert.All(after.Revocations, r => Assert.True(r.Until > DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal((after.Generation, 0), (nothingNew.Generation, nothingNew.Revocations.Count));
    }

    [Fact]
    public async Task Only_the_users_and_bot_services_read_the_revocation_feed_and_a_bad_generation_answers_400()
    {
        var (_, code) = await host.NewTutorAsync();
        var pair = await host.LoginAsync(code);

        var asPerson = await host.WithToken(pair.AccessToken).GetAsync("/api/v1/auth/revocations");
        var anonymous = await host.Anonymous().GetAsync("/api/v1/auth/revocations");
        var asBot = await host.Factory.ServiceClient("bot").GetAsync("/api/v1/auth/revocations");
        var badGeneration = await host.Factory.ServiceClient("users").GetAsync("/api/v1/auth/revocations?after=soon");

        Assert.Equal(HttpStatusCode.Forbidden, asPerson.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asBot.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badGeneration.StatusCode);
        Assert.Equal("application/problem+json", badGeneration.Content.Headers.ContentType?.MediaType);
    }

    private async Task<RevocationFeed> FeedAsync(long? after) =>
        await (await host.Factory.ServiceClient("users").GetAsync(after is null ? "/api/v1/auth/revocations" : $"/api/v1/auth/revocations?after={after}")).ReadAsync<RevocationFeed>();

    [Fact]
    public async Task A_parent_may_read_their_own_child_and_is_denied_another_parents_child()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var parent = await host.NewUserOfAsync(tutorCode, "parent");
        var otherParent = await host.NewUserOfAsync(tutorCode, "parent");
        var child = await host.NewUserOfAsync(tutorCode, "student", new { full_name = "Свой Ребёнок", role = "student", parent_ids = new[] { parent.User.Id } });
        var otherChild = await host.NewUserOfAsync(tutorCode, "student", new { full_name = "Чужой Ребёнок", role = "student", parent_ids = new[] { otherParent.User.Id } });
        var asParent = host.WithToken((await host.LoginAsync(parent.AccessCode)).AccessToken);

        var own = await Decide(asParent, "students", "read", child.User.Id);
        var foreign = await Decide(asParent, "students", "read", otherChild.User.Id);
        var update = await Decide(asParent, "students", "update", child.User.Id);

        Assert.True(own.Allowed, own.Reason);
        Assert.False(foreign.Allowed, foreign.Reason);
        Assert.False(update.Allowed, update.Reason);
        var admin = host.WithToken((await host.AdminSessionAsync()).AccessToken);
        var audit = await (await admin.GetAsync($"/api/v1/auth/audit?user_id={parent.User.Id}&event_type=permission_denied")).ReadAsync<AuditPage>();
        Assert.Equal(2, audit.Total);
    }

    [Fact]
    public async Task A_tutor_manages_only_what_they_own_and_never_tutors()
    {
        var (tutor, tutorCode) = await host.NewTutorAsync();
        var (_, otherTutorCode) = await host.NewTutorAsync();
        var mine = await host.NewUserOfAsync(tutorCode, "student");
        var theirs = await host.NewUserOfAsync(otherTutorCode, "student");
        var asTutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);

        Assert.True((await Decide(asTutor, "students", "update", mine.User.Id)).Allowed);
        Assert.False((await Decide(asTutor, "students", "update", theirs.User.Id)).Allowed);
        Assert.True((await Decide(asTutor, "students", "create", null)).Allowed);
        Assert.False((await Decide(asTutor, "tutors", "create", null)).Allowed);
        Assert.True((await Decide(asTutor, "tutors", "read", tutor.Id)).Allowed);
        Assert.False((await Decide(asTutor, "students", "read", null)).Allowed);
        Assert.False((await Decide(asTutor, "audit_log", "read", null)).Allowed);
    }

    [Theory]
    [InlineData("spaceships", "read")]
    [InlineData("students", "launch")]
    [InlineData("students_archive", "read")]
    public async Task Unknown_resources_and_actions_are_denied_even_to_an_admin_of_everything_else(string resource, string action)
    {
        var admin = host.WithToken((await host.AdminSessionAsync()).AccessToken);

        var decision = await Decide(admin, resource, action, null);

        Assert.False(decision.Allowed);
    }

    [Fact]
    public async Task An_admin_may_read_the_audit_log_and_manage_feature_flags()
    {
        var admin = host.WithToken((await host.AdminSessionAsync()).AccessToken);

        Assert.True((await Decide(admin, "audit_log", "read", null)).Allowed);
        Assert.True((await Decide(admin, "feature_flags", "update", null)).Allowed);
    }

    [Fact]
    public async Task Another_tutors_user_and_a_missing_user_are_denied_alike()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var (_, otherCode) = await host.NewTutorAsync();
        var theirs = await host.NewUserOfAsync(otherCode, "student");
        var asTutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);

        var foreign = await Decide(asTutor, "students", "read", theirs.User.Id);
        var missing = await Decide(asTutor, "students", "read", 987_654_321);

        Assert.False(foreign.Allowed);
        Assert.Equal(foreign, missing);
    }

    [Theory]
    [InlineData("""{"resource":"a\u0000b","action":"read"}""", "resource")]
    [InlineData("""{"resource":"students","action":"Read Now"}""", "action")]
    [InlineData("""{"action":"read"}""", "resource")]
    [InlineData("""{"resource":"students"}""", "action")]
    [InlineData("""{"resource":"students","action":"read","resource_owner_id":0}""", "resource_owner_id")]
    public async Task Bad_permission_questions_answer_400(string body, string field)
    {
        var admin = host.WithToken((await host.AdminSessionAsync()).AccessToken);

        var response = await admin.PostRawAsync("/api/v1/auth/check-permission", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]?[field]);
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log_and_bad_filters_answer_400()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var asTutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);
        var admin = host.WithToken((await host.AdminSessionAsync()).AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await asTutor.GetAsync("/api/v1/auth/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/auth/audit?event_type=party")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/auth/audit?size=1000")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/auth/audit?user_id=abc")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/v1/auth/audit?page=2147483647&size=200")).StatusCode);
        var page = await (await admin.GetAsync("/api/v1/auth/audit?event_type=login&size=5")).ReadAsync<AuditPage>();
        Assert.InRange(page.Events.Count, 1, 5);
        Assert.All(page.Events, e => Assert.Equal(AuditEventTypes.Login, e.EventType));
        Assert.True(page.Events.Zip(page.Events.Skip(1)).All(p => p.First.Id > p.Second.Id), "newest first");
    }

    [Fact]
    public async Task The_bot_links_a_Telegram_account_and_logs_it_in_through_the_contract_as_its_own_identity_and_nobody_else_can()
    {
        // Through IAuthModule, as the bot module calls it: in process, or across the Refit client to the Auth Service.
        var (_, code) = await host.NewTutorAsync();
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var auth = scope.ServiceProvider.GetRequiredService<IAuthModule>();
        var bot = Caller.Service(ServiceNames.Bot);

        var asAuth = await auth.TelegramLinkAsync(Caller.Service(ServiceNames.Auth), new TelegramLinkRequest(code, telegramId), ClientInfo.Unknown, CancellationToken.None);
        var linked = await auth.TelegramLinkAsync(bot, new TelegramLinkRequest(code, telegramId), ClientInfo.Unknown, CancellationToken.None);
        var loggedIn = await auth.TelegramLoginAsync(bot, new TelegramLoginRequest(telegramId), ClientInfo.Unknown, CancellationToken.None);
        var anonymous = await auth.LoginAsync(new LoginRequest(code, telegramId + 1), ClientInfo.Unknown, CancellationToken.None);

        Assert.Equal(ErrorKind.Forbidden, asAuth.Error?.Kind);
        Assert.True(linked.IsSuccess, linked.Error?.Detail);
        Assert.True(loggedIn.IsSuccess, loggedIn.Error?.Detail);
        Assert.Equal(linked.Value.UserId, loggedIn.Value.UserId);
        Assert.Equal(ErrorKind.Validation, anonymous.Error?.Kind);
    }

    private static async Task<PermissionDecision> Decide(HttpClient client, string resource, string action, long? ownerId) =>
        await (await client.PostJsonAsync("/api/v1/auth/check-permission", new { resource, action, resource_owner_id = ownerId })).ReadAsync<PermissionDecision>();
}

public sealed class IntrospectionAndPermissionInProcess(AuthHost host) : IntrospectionAndPermissionTests<AuthHost>(host);

public sealed class IntrospectionAndPermissionThroughAuthService(RemoteAuthHost host) : IntrospectionAndPermissionTests<RemoteAuthHost>(host);
