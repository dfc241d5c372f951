namespace RepitBot.Deployment.Tests;

internal static class TaskPairs
{
    public static async Task<(T, T)> WhenBoth<T>(this (Task<T> First, Task<T> Second) tasks) => (await tasks.First, await tasks.Second);
}
