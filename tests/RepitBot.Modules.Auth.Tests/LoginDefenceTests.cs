using System.Net;
using System.Text.Json.Nodes;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Auth.Tests;

public abstract class LoginDefenceTests<THost>(THost host) : IClassFixture<THost>
    where THost : AuthHost
{
    private static string WrongSecretOf(string code)
    {
        var plain = code.Replace("-", string.Empty, StringComparison.Ordinal);
        return plain[..6] + (plain[6..] == "0000000000" ? "1111111111" : "0000000000");
    }

    private static async Task<string> BodyWithoutTraceAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("trace_id");
        return body.ToJsonString();
    }

    [Fact]
    public async Task Unknown_wrong_malformed_locked_and_inactive_all_answer_the_same_401()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var inactive = await host.NewUserOfAsync(tutorCode, "student");
        await host.WithToken((await host.LoginAsync(tutorCode)).AccessToken).PutJsonAsync($"/api/v1/users/{inactive.User.Id}", new { is_active = false });
        var locked = await host.NewUserOfAsync(tutorCode, "student");
        for (var i = 0; i < 5; i++)
        {
            await host.TryLoginAsync(WrongSecretOf(locked.AccessCode));
        }

        var responses = new[]
        {
            await host.TryLoginAsync("ZZZZ-ZZZZ-ZZZZ-ZZZZ"),
            await host.TryLoginAsync(WrongSecretOf(tutorCode)),
            await host.TryLoginAsync("not a code at all"),
            await host.TryLoginAsync(locked.AccessCode),
            await host.TryLoginAsync(inactive.AccessCode),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(BodyWithoutTraceAsync));
        Assert.Single(bodies.Distinct());
        Assert.Contains("application/problem+json", responses[0].Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_code_and_the_lock_grows_then_caps_at_15_minutes()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var wrong = WrongSecretOf(student.AccessCode);

        for (var i = 0; i < 4; i++)
        {
            await host.TryLoginAsync(wrong);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.TryLoginAsync(student.AccessCode)).StatusCode);

        // A success reset the count: four more failures still do not lock; the fifth locks for 30 s.
        for (var i = 0; i < 5; i++)
        {
            await host.TryLoginAsync(wrong);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TryLoginAsync(wrong)).StatusCode);

        // That sixth failure locked for 60 s: the right code is refused at 59 s and accepted after 60 s.
        host.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await host.TryLoginAsync(student.AccessCode)).StatusCode);

        // Success reset the count: five failures lock for 30 s again, and the right code works after them.
        for (var i = 0; i < 5; i++)
        {
            await host.TryLoginAsync(wrong);
        }

        host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.OK, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
        for (var i = 0; i < 6; i++)
        {
            await host.TryLoginAsync(wrong);
            host.Clock.Advance(TimeSpan.FromSeconds(31));
        }

        // Many more failures: the lock never exceeds 15 minutes.
        for (var i = 0; i < 10; i++)
        {
            await host.TryLoginAsync(wrong);
            host.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        }

        await host.TryLoginAsync(wrong);
        host.Clock.Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
    }

    [Fact]
    public async Task A_locked_code_with_a_telegram_id_is_refused_and_links_nothing_until_the_lock_ends()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        for (var i = 0; i < 5; i++)
        {
            await host.TryLoginAsync(WrongSecretOf(student.AccessCode));
        }

        var users = host.Factory.ServiceClient("auth");
        var whileLocked = await host.TryLoginAsync(student.AccessCode, telegramId);
        var afterRefusal = await (await users.GetAsync($"/api/v1/users/{student.User.Id}")).ReadAsync<UserDto>();
        host.Clock.Advance(TimeSpan.FromSeconds(31));
        var afterLock = await host.TryLoginAsync(student.AccessCode, telegramId);
        var afterLogin = await (await users.GetAsync($"/api/v1/users/{student.User.Id}")).ReadAsync<UserDto>();

        Assert.Equal(HttpStatusCode.Unauthorized, whileLocked.StatusCode);
        Assert.Null(afterRefusal.TelegramId);
        Assert.Equal(HttpStatusCode.OK, afterLock.StatusCode);
        Assert.Equal(telegramId, afterLogin.TelegramId);
    }

    [Fact]
    public async Task Twelve_hours_without_a_failure_start_the_count_again()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var wrong = WrongSecretOf(student.AccessCode);
        for (var i = 0; i < 4; i++)
        {
            await host.TryLoginAsync(wrong);
        }

        host.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        await host.TryLoginAsync(wrong);

        Assert.Equal(HttpStatusCode.OK, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
    }

    [Fact]
    public async Task Login_with_a_telegram_id_links_it_and_a_second_account_is_refused_and_audited()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);

        var first = await host.TryLoginAsync(student.AccessCode, telegramId);
        var intruder = await host.TryLoginAsync(student.AccessCode, telegramId + 1);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, intruder.StatusCode);
        var admin = host.WithToken((await host.AdminSessionAsync()).AccessToken);
        var audit = await (await admin.GetAsync($"/api/v1/auth/audit?user_id={student.User.Id}")).ReadAsync<AuditPage>();
        Assert.Contains(audit.Events, e => e.EventType == AuditEventTypes.TelegramLinked && e.TelegramId == telegramId);
        Assert.Contains(audit.Events, e => e.EventType == AuditEventTypes.LoginFailed && e.TelegramId == telegramId + 1 && e.Detail!.Contains("another Telegram", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_bot_gets_tokens_for_a_linked_account_until_the_code_is_reissued()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var bot = host.Factory.ServiceClient("bot");
        var unlinked = await bot.PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId });
        await host.LoginAsync(student.AccessCode, telegramId);

        var linked = await bot.PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId });
        var tutor = host.WithToken((await host.LoginAsync(tutorCode)).AccessToken);
        await tutor.PostAsync($"/api/v1/users/{student.User.Id}/access-code", null);
        var afterReissue = await bot.PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId });
        var asPerson = await host.WithToken((await host.LoginAsync(tutorCode)).AccessToken).PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId });

        Assert.Equal(HttpStatusCode.Unauthorized, unlinked.StatusCode);
        Assert.Equal(student.User.Id, (await linked.ReadAsync<TokenPair>()).UserId);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReissue.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asPerson.StatusCode);
    }

    [Fact]
    public async Task After_a_logout_from_telegram_the_bot_must_ask_for_the_code_again()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var bot = host.Factory.ServiceClient("bot");
        await host.LoginAsync(student.AccessCode, telegramId);
        var botSession = await (await bot.PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId })).ReadAsync<TokenPair>();

        await host.WithToken(botSession.AccessToken).PostJsonAsync("/api/v1/auth/logout", new { refresh_token = botSession.RefreshToken });
        var afterLogout = await bot.PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId });
        await host.LoginAsync(student.AccessCode, telegramId);
        var afterCode = await bot.PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId });

        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterCode.StatusCode);
    }

    [Fact]
    public async Task Given_an_anonymous_login_with_a_telegram_id_Then_it_is_refused_with_400_and_nothing_is_linked()
    {
        // Otherwise whoever holds a code (say, a tutor who just created a student) could tie any Telegram account to it.
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);

        var response = await host.Anonymous().PostJsonAsync("/api/v1/auth/login", new { access_code = student.AccessCode, telegram_id = telegramId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("bot", (string?)(await response.ReadObjectAsync())["errors"]?["telegram_id"]?[0], StringComparison.Ordinal);
        var stored = await (await host.Factory.ServiceClient("auth").GetAsync($"/api/v1/users/{student.User.Id}")).ReadAsync<UserDto>();
        Assert.Null(stored.TelegramId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Factory.ServiceClient("bot").PostJsonAsync("/api/v1/auth/telegram-login", new { telegram_id = telegramId })).StatusCode);
    }

    [Fact]
    public async Task Given_the_bot_checks_wrong_codes_Then_they_lock_the_code_for_logins_as_well_and_no_service_checks_codes_at_Users_but_Auth()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var bot = host.Factory.ServiceClient("bot");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await bot.PostJsonAsync("/api/v1/auth/telegram-link", new { access_code = WrongSecretOf(student.AccessCode), telegram_id = telegramId })).StatusCode);
        }

        // The code is locked for everyone: the right code answers 401 at login and through the bot alike.
        var login = await host.TryLoginAsync(student.AccessCode);
        var link = await bot.PostJsonAsync("/api/v1/auth/telegram-link", new { access_code = student.AccessCode, telegram_id = telegramId });

        // No way around the lockout: only Auth, which counts the failures, may check a code at Users.
        var botAtUsers = await bot.PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = student.AccessCode });
        var usersAtUsers = await host.Factory.ServiceClient("users").PostJsonAsync("/api/v1/users/validate-access-code", new { access_code = student.AccessCode });

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, link.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, botAtUsers.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, usersAtUsers.StatusCode);
        var admin = host.WithToken((await host.AdminSessionAsync()).AccessToken);
        var audit = await (await admin.GetAsync($"/api/v1/auth/audit?event_type={AuditEventTypes.LoginLocked}&size=100")).ReadAsync<AuditPage>();
        Assert.Contains(audit.Events, e => e.TelegramId == telegramId);
    }

    [Fact]
    public async Task Of_parallel_wrong_guesses_on_one_code_at_most_the_lockouts_allowance_are_checked()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var student = await host.NewUserOfAsync(tutorCode, "student");
        var wrong = WrongSecretOf(student.AccessCode);
        const int guesses = 24;
        const int allowance = 5;

        var responses = await Task.WhenAll(Enumerable.Range(0, guesses).Select(_ => host.TryLoginAsync(wrong)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var checkedAsWrong = await AuditCountAsync(wrong[..6], AuditEventTypes.LoginFailed);
        var refusedAsLocked = await AuditCountAsync(wrong[..6], AuditEventTypes.LoginLocked);
        Assert.True(checkedAsWrong <= allowance, $"{checkedAsWrong} guesses were checked; the lock allows {allowance}");
        Assert.Equal(guesses, checkedAsWrong + refusedAsLocked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.TryLoginAsync(student.AccessCode)).StatusCode);
    }

    [Fact]
    public async Task An_access_code_longer_than_64_characters_is_refused_with_400_before_anything_is_looked_up()
    {
        var (_, tutorCode) = await host.NewTutorAsync();
        var tooLong = tutorCode[..7] + new string('0', 58);
        var auditRowsBefore = await AuditCountAsync(null, null);

        var response = await host.Anonymous().PostJsonAsync("/api/v1/auth/login", new { access_code = tooLong });

        Assert.Equal(65, tooLong.Length);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]?["access_code"]);
        Assert.Equal(auditRowsBefore, await AuditCountAsync(null, null));
    }

    /// <summary>Audit rows in the Auth database, of one code's lookup id and event type when given.</summary>
    private async Task<long> AuditCountAsync(string? lookupId, string? eventType)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.Postgres.ConnectionString(host.AuthDatabase));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM auth.audit_events WHERE (@lookup::text IS NULL OR code_lookup_id = @lookup) AND (@type::text IS NULL OR event_type = @type)",
            connection);
        command.Parameters.AddWithValue("lookup", (object?)lookupId ?? DBNull.Value);
        command.Parameters.AddWithValue("type", (object?)eventType ?? DBNull.Value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("""{}""", "access_code")]
    [InlineData("""{"access_code":"x","telegram_id":-3}""", "telegram_id")]
    [InlineData("""{"access_code":5}""", "access_code")]
    [InlineData("""{"code":"x"}""", "code")]
    public async Task Bad_login_input_answers_400_naming_the_field(string body, string field)
    {
        var response = await host.Anonymous().PostRawAsync("/api/v1/auth/login", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.ReadObjectAsync())["errors"]?[field]);
    }
}

public sealed class LoginDefenceWithRedis(AuthHost host) : LoginDefenceTests<AuthHost>(host);

public sealed class LoginDefenceWithoutRedis(AuthHostWithoutRedis host) : LoginDefenceTests<AuthHostWithoutRedis>(host);

public sealed class LoginRateLimitTests(AuthHostWithTightRateLimit host) : IClassFixture<AuthHostWithTightRateLimit>
{
    [Fact]
    public async Task Past_the_per_address_limit_logins_answer_429_with_retry_after()
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i <= AuthHostWithTightRateLimit.Limit; i++)
        {
            responses.Add(await host.TryLoginAsync("ZZZZ-ZZZZ-ZZZZ-ZZZZ"));
        }

        Assert.All(responses.Take(AuthHostWithTightRateLimit.Limit), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var limited = responses[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is set");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Past_the_limit_the_bots_code_checks_for_one_Telegram_account_are_refused_even_with_the_right_code()
    {
        // Made in process: a login to make one through the API would count towards this fixture's tight limit.
        var code = (await host.Factory.CreateAdminAsync("Админ Лимита")).AccessCode;
        var telegramId = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var bot = host.Factory.ServiceClient("bot");
        for (var i = 0; i < AuthHostWithTightRateLimit.Limit; i++)
        {
            await bot.PostJsonAsync("/api/v1/auth/telegram-link", new { access_code = "ZZZZ-ZZZZ-ZZZZ-ZZZZ", telegram_id = telegramId });
        }

        var limited = await bot.PostJsonAsync("/api/v1/auth/telegram-link", new { access_code = code, telegram_id = telegramId });
        var otherAccount = await bot.PostJsonAsync("/api/v1/auth/telegram-link", new { access_code = code, telegram_id = telegramId + 1 });

        // The bot's requests all come from one address: the limit holds per Telegram account, not per bot.
        Assert.Equal(HttpStatusCode.Unauthorized, limited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Past_the_per_address_limit_refreshes_answer_429_with_retry_after()
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i <= AuthHostWithTightRateLimit.Limit; i++)
        {
            responses.Add(await host.RefreshAsync("no-such-refresh-token"));
        }

        Assert.All(responses.Take(AuthHostWithTightRateLimit.Limit), r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var limited = responses[^1];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is set");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }
}
