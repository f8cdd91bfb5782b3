namespace OrleansFeed.Redis.IntegrationTests.TestSupport;

/// <summary>
/// Waits for an outside process (redis-server, SE.Redis reconnect) to reach a state no barrier can signal, bounded
/// by the test's token; the failure message names the phase.
/// </summary>
internal static class Eventually
{
    public static async Task UntilAsync(string phase, Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            bool met;
            try
            {
                met = await condition();
            }
            catch (RedisProviderException)
            {
                met = false;
            }

            if (met)
            {
                return;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting for: {phase}");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    public static Task UntilAsync(string phase, Func<bool> condition, CancellationToken cancellationToken) =>
        UntilAsync(phase, () => Task.FromResult(condition()), cancellationToken);
}
