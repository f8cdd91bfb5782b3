using System.Text;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.TestKit.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Security;

/// <summary>
/// Verifies Redis credentials against a real <c>redis-server --requirepass</c>: the password from
/// <c>Redis:PasswordFile</c> authenticates the shared connection (writes and reads work); without it every command is
/// refused; the password never shows in the options' logged form.
/// </summary>
public sealed class RedisPasswordTests
{
    private const string Password = "test-only-redis-password";

    [RedisFact(Timeout = 30_000)]
    public async Task Connection_PasswordFromFile_ReadsAndWrites_WithoutPassword_Refused()
    {
        await using var server = RedisServerFixture.WithPassword(Password);
        await server.InitializeAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        var dir = Directory.CreateTempSubdirectory("orleansfeed-redis-secret-");
        var passwordFile = Path.Combine(dir.FullName, "redis-password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n", cts.Token);
        try
        {
            await using var authenticated = RedisTestContext.Create(server, nameof(Connection_PasswordFromFile_ReadsAndWrites_WithoutPassword_Refused), configure: o => o.PasswordFile = passwordFile);
            await using var anonymous = RedisTestContext.Create(server, "anonymous");
            await authenticated.ConnectAsync(cts.Token);
            var key = authenticated.Options.KeyPrefix + ":probe";

            await authenticated.Connection.StringSetAsync(key, Encoding.UTF8.GetBytes("v1"), TimeSpan.FromMinutes(1), cts.Token);
            var read = await authenticated.Connection.StringGetAsync(key, cts.Token);
            anonymous.Connection.EnsureStarted();
            var refused = () => anonymous.Connection.StringGetAsync(key, cts.Token);

            Encoding.UTF8.GetString(read!).Should().Be("v1");
            await refused.Should().ThrowAsync<RedisProviderException>();
            authenticated.Options.ToString().Should().NotContain(Password);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
