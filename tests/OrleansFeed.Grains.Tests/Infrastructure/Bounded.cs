using OrleansFeed.TestKit.Waiting;

namespace OrleansFeed.Grains.Tests.Infrastructure;

/// <summary>Every wait in these tests is bounded, so a broken runtime fails a test instead of hanging it.</summary>
public static class Bounded
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Timeout);

    /// <summary>Waits until a condition holds (a barrier on state that has no event to await).</summary>
    public static void Until(Func<bool> condition, string because) =>
        SpinWait.SpinUntil(condition, Timeout).Should().BeTrue(because);

    /// <summary>Polls an asynchronous condition (for example a grain call) until it holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string because)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        await Poll.UntilAsync(condition, because, timeout.Token);
    }
}
