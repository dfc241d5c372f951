using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Users.Tests;

/// <summary>
/// The bot acts for people from a background service, where no HTTP request exists. Such a call carries the person
/// and is authorized as that person, with Users remote (a real User Service process, no fallback) as in process, and a
/// person without a token is refused in both: code tested with Users in process keeps working when Users moves out.
/// </summary>
public abstract class PersonCallsFromBackgroundWorkTests<THost>(THost host) : IClassFixture<THost>
    where THost : UsersHost
{
    [Fact]
    public async Task Given_a_person_with_their_token_When_a_background_service_calls_Users_Then_Users_authorizes_that_person()
    {
        var tutor = await host.NewTutorAsync("Тьютор Фоновый");
        var own = (await host.NewStudentAsync(tutor, "Свой Ученик")).User;
        var otherTutor = await host.NewTutorAsync("Тьютор Чужой");
        var foreign = (await host.NewStudentAsync(otherTutor, "Чужой Ученик")).User;
        var asTutor = Caller.Person(tutor.Id, UserRole.Tutor, host.Factory.Tokens.For(tutor.Id, "tutor"));

        var (ownStudent, foreignStudent, list) = await RunInBackgroundAsync(async (users, cancellationToken) => (
            await users.GetUserAsync(asTutor, own.Id, cancellationToken),
            await users.GetUserAsync(asTutor, foreign.Id, cancellationToken),
            await users.ListUsersAsync(asTutor, new UserListQuery(), cancellationToken)));

        Assert.True(ownStudent.IsSuccess, ownStudent.Error?.Detail);
        Assert.Equal(own.Id, ownStudent.Value!.Id);

        // As a service the call would see every user; as this tutor, another tutor's student does not exist.
        Assert.Equal(ErrorKind.NotFound, foreignStudent.Error?.Kind);
        Assert.True(list.IsSuccess, list.Error?.Detail);
        Assert.Equal([tutor.Id, own.Id], list.Value!.Users.Select(user => user.Id).Order());
    }

    [Fact]
    public async Task Given_a_person_without_a_token_When_a_background_service_calls_Users_Then_the_call_is_refused_not_made_as_a_service()
    {
        var tutor = await host.NewTutorAsync("Тьютор Без Токена");
        var student = (await host.NewStudentAsync(tutor)).User;

        var answer = await RunInBackgroundAsync((users, cancellationToken) =>
            users.GetUserAsync(Caller.Person(tutor.Id, UserRole.Tutor), student.Id, cancellationToken));

        Assert.Equal(ErrorKind.Unauthorized, answer.Error?.Kind);
    }

    [Fact]
    public async Task Given_a_kept_token_whose_session_ended_When_a_background_service_calls_Users_Then_the_call_is_refused_in_process_as_remotely()
    {
        var created = await host.CreateAsync(host.AsAdmin(), new { full_name = "Тьютор Вышедший", role = "tutor" });
        var session = await (await host.Factory.CreateClient().PostJsonAsync("/api/v1/auth/login", new { access_code = created.AccessCode })).ReadAsync<TokenPair>();
        var kept = Caller.PersonToCheck(created.User.Id, UserRole.Tutor, session.AccessToken);
        var before = await RunInBackgroundAsync((users, cancellationToken) => users.GetUserAsync(kept, created.User.Id, cancellationToken));

        using var asTutor = host.Factory.CreateClient();
        asTutor.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", session.AccessToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await asTutor.PostJsonAsync("/api/v1/auth/logout", new { refresh_token = session.RefreshToken })).StatusCode);

        // In process a module trusts its caller, so the router checks a kept token first; a remote module checks it
        // itself (its copy of the revocations hears of the logout within a second).
        Assert.True(before.IsSuccess, before.Error?.Detail);
        await Eventually.AssertAsync(
            async () => (await RunInBackgroundAsync((users, cancellationToken) => users.GetUserAsync(kept, created.User.Id, cancellationToken))).Error?.Kind == ErrorKind.Unauthorized,
            TimeSpan.FromSeconds(20),
            "the ended session refused");
    }

    /// <summary>Runs the work the way the bot will: a hosted background service with a scope of its own.</summary>
    private async Task<T> RunInBackgroundAsync<T>(Func<IUsersModule, CancellationToken, Task<T>> work)
    {
        var worker = new ContractCallWorker<T>(host.Factory.Services.GetRequiredService<IServiceScopeFactory>(), work);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            return await worker.Result.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    private sealed class ContractCallWorker<T>(IServiceScopeFactory scopes, Func<IUsersModule, CancellationToken, Task<T>> work) : BackgroundService
    {
        private readonly TaskCompletionSource<T> result = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Result => result.Task;

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                result.SetResult(await work(scope.ServiceProvider.GetRequiredService<IUsersModule>(), stoppingToken));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        }
    }
}

public sealed class PersonCallsThroughUserService(RemoteUsersHost host) : PersonCallsFromBackgroundWorkTests<RemoteUsersHost>(host);

public sealed class PersonCallsInProcess(SqliteUsersHost host) : PersonCallsFromBackgroundWorkTests<SqliteUsersHost>(host);
