namespace OrleansFeed.TestKit.Waiting;

/// <summary>
/// The suite's one polling wait: checks a condition until it holds or the caller's token fires. Used where no signal
/// exists to await (a grain's state, a book directory entry, an HTTP answer); tests await signals wherever they can.
/// </summary>
public static class Poll
{
    /// <summary>Pause between two checks: short enough not to slow a test, long enough not to spin on two cores.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Checks <paramref name="condition"/> until it holds.</summary>
    /// <param name="condition">The awaited state.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>Completes when the condition holds.</returns>
    /// <exception cref="TimeoutException">The token fired first.</exception>
    public static async Task UntilAsync(Func<bool> condition, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await UntilAsync(() => Task.FromResult(condition()), held => held, what, cancellationToken);
    }

    /// <summary>Checks the asynchronous <paramref name="condition"/> (a grain call, an HTTP request) until it holds.</summary>
    /// <param name="condition">The awaited state.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="cancellationToken">Bounds the wait.</param>
    /// <returns>Completes when the condition holds.</returns>
    /// <exception cref="TimeoutException">The token fired first.</exception>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken) =>
        UntilAsync(condition, held => held, what, cancellationToken);

    /// <summary>Runs <paramref name="query"/> until its answer satisfies <paramref name="condition"/>.</summary>
    /// <typeparam name="T">The answer type.</typeparam>
    /// <param name="query">A query (grain call, HTTP request, state read).</param>
    /// <param name="condition">The awaited state.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="cancellationToken">Bounds the wait; the query is not cancelled by it, so a late answer is still checked once.</param>
    /// <returns>The first answer that satisfies the condition.</returns>
    /// <exception cref="TimeoutException">The token fired first.</exception>
    public static Task<T> UntilAsync<T>(Func<Task<T>> query, Func<T, bool> condition, string what, CancellationToken cancellationToken) =>
        UntilAsync(query, condition, _ => what, cancellationToken);

    /// <summary>Runs <paramref name="query"/> until its answer satisfies <paramref name="condition"/>; the failure names the last answer.</summary>
    /// <typeparam name="T">The answer type.</typeparam>
    /// <param name="query">A query (grain call, HTTP request, state read).</param>
    /// <param name="condition">The awaited state.</param>
    /// <param name="describe">What was awaited and what the last answer was, for the failure message.</param>
    /// <param name="cancellationToken">Bounds the wait; the query is not cancelled by it, so a late answer is still checked once.</param>
    /// <returns>The first answer that satisfies the condition.</returns>
    /// <exception cref="TimeoutException">The token fired first.</exception>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> query, Func<T, bool> condition, Func<T, string> describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(condition);
        while (true)
        {
            var value = await query();
            if (condition(value))
            {
                return value;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for: {describe(value)}");
            }

            await Task.Delay(Interval, CancellationToken.None);
        }
    }
}
