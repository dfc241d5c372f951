namespace RepitBot.Testing;

/// <summary>Waits for a condition with a deadline: the only way tests here wait for anything.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? poll = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>
    /// Asks <paramref name="request"/> until it answers <paramref name="awaited"/>, and fails if any answer on the way is
    /// other than that or one of <paramref name="meanwhile"/> (an outage that must never look like a logout, say).
    /// </summary>
    public static async Task AnswersAsync(Func<Task<HttpResponseMessage>> request, System.Net.HttpStatusCode awaited, System.Net.HttpStatusCode[] meanwhile, TimeSpan timeout, string what)
    {
        var answers = new List<System.Net.HttpStatusCode>();
        await AssertAsync(
            async () =>
            {
                using var answer = await request();
                answers.Add(answer.StatusCode);
                return answer.StatusCode == awaited;
            },
            timeout,
            what);
        var unexpected = answers.Where(status => status != awaited && !meanwhile.Contains(status)).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidOperationException($"While waiting for {what}, answered {string.Join(", ", unexpected)}.");
        }
    }

    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        if (!await TrueAsync(condition, timeout))
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
        }
    }
}
