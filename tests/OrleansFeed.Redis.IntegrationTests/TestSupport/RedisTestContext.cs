using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OrleansFeed.Redis.Connection;
using OrleansFeed.Redis.Health;
using OrleansFeed.Redis.LastValues;
using OrleansFeed.Redis.Storage;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.TestSupport;

/// <summary>One test's provider objects over a fixture's server, with a unique key prefix; disposes them.</summary>
internal sealed class RedisTestContext : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private RedisTestContext(RedisOptions options, TimeProvider timeProvider)
    {
        Options = options;
        TimeProvider = timeProvider;
        Health = new RedisHealth(timeProvider);
        Connection = new RedisConnection(Microsoft.Extensions.Options.Options.Create(options), Health, NullLogger<RedisConnection>.Instance);
    }

    public RedisOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public RedisHealth Health { get; }

    public RedisConnection Connection { get; }

    public static RedisTestContext Create(RedisServerFixture server, string testName, TimeProvider? timeProvider = null, Action<RedisOptions>? configure = null)
    {
        var options = new RedisOptions
        {
            ConnectionString = server.ConnectionString,
            KeyPrefix = RedisServerFixture.UniquePrefix(testName),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            OperationTimeout = TimeSpan.FromSeconds(2),
        };
        configure?.Invoke(options);
        new RedisOptionsValidator().Validate(null, options).Failed.Should().BeFalse("test options must be valid");
        return new RedisTestContext(options, timeProvider ?? TimeProvider.System);
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        Connection.EnsureStarted();
        await Eventually.UntilAsync("initial connect", () => Connection.IsConnected, cancellationToken);
    }

    public RedisLastValueWriter CreateWriter()
    {
        var writer = new RedisLastValueWriter(Connection, Health, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider,
            NullLogger<RedisLastValueWriter>.Instance);
        _owned.Add(writer);
        return writer;
    }

    public RedisGrainStorage CreateGrainStorage() =>
        new(Connection, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<RedisGrainStorage>.Instance);

    public async Task<string?> GetStringAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await Connection.StringGetAsync(key, cancellationToken);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
