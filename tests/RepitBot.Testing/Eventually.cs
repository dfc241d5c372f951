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

    public static async Task AssertAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        if (!await TrueAsync(condition, timeout))
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {what}");
        }
    }
}
