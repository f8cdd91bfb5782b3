using System.Text;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.TestKit.Redis;
using StackExchange.Redis;

namespace OrleansFeed.Redis.IntegrationTests.Security;

/// <summary>
/// Verifies a Redis 6+ ACL user (<c>AUTH user pass</c>, possible since StackExchange.Redis 3): <c>user=</c> in the
/// connection string with the password from <c>Redis:PasswordFile</c> reads and writes; the same user with a wrong
/// password is refused.
/// </summary>
public sealed class RedisAclUserTests
{
    private const string AdminPassword = "test-only-admin-password";
    private const string User = "feed";
    private const string UserPassword = "test-only-feed-password";

    [RedisFact(Timeout = 30_000)]
    public async Task Connection_AclUserWithPasswordFile_ReadsAndWrites_WrongPasswordRefused()
    {
        await using var server = RedisServerFixture.WithPassword(AdminPassword);
        await server.InitializeAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{server.ConnectionString},password={AdminPassword}"))
        {
            await admin.GetDatabase().ExecuteAsync("ACL", "SETUSER", User, "on", ">" + UserPassword, "~*", "+@all");
        }

        var dir = Directory.CreateTempSubdirectory("orleansfeed-redis-acl-");
        var passwordFile = Path.Combine(dir.FullName, "redis-password");
        var wrongFile = Path.Combine(dir.FullName, "wrong-password");
        await File.WriteAllTextAsync(passwordFile, UserPassword + "\n", cts.Token);
        await File.WriteAllTextAsync(wrongFile, "not-the-password", cts.Token);
        try
        {
            await using var user = RedisTestContext.Create(server, nameof(Connection_AclUserWithPasswordFile_ReadsAndWrites_WrongPasswordRefused), configure: o =>
            {
                o.ConnectionString = $"{server.ConnectionString},user={User}";
                o.PasswordFile = passwordFile;
            });
            await using var wrong = RedisTestContext.Create(server, "wrong", configure: o =>
            {
                o.ConnectionString = $"{server.ConnectionString},user={User}";
                o.PasswordFile = wrongFile;
            });
            await user.ConnectAsync(cts.Token);
            var key = user.Options.KeyPrefix + ":acl-probe";

            await user.Connection.StringSetAsync(key, Encoding.UTF8.GetBytes("v1"), TimeSpan.FromMinutes(1), cts.Token);
            var read = await user.Connection.StringGetAsync(key, cts.Token);
            wrong.Connection.EnsureStarted();
            var refused = () => wrong.Connection.StringGetAsync(key, cts.Token);

            Encoding.UTF8.GetString(read!).Should().Be("v1");
            await refused.Should().ThrowAsync<RedisProviderException>();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
