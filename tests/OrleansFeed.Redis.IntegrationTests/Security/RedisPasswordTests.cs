using System.Text;
using OrleansFeed.Redis.IntegrationTests.TestSupport;
using OrleansFeed.TestKit.Redis;
using OrleansFeed.TestKit.Tls;

namespace OrleansFeed.Redis.IntegrationTests.Security;

/// <summary>
/// Verifies Redis credentials against a real <c>redis-server --requirepass</c>: the password from
/// <c>Redis:PasswordFile</c> authenticates the shared connection (writes and reads work); without it every command is
/// refused; the password never shows in the options' logged form. Over TLS (<c>redis-server --tls-port</c> with a
/// certificate generated in the test, trusted through <c>Redis:TlsCaFile</c>) reads and writes work too.
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

    [RedisFact(Timeout = 30_000)]
    public async Task Connection_TlsWithCaFileAndPassword_ReadsAndWrites()
    {
        using var certificate = TestCertificate.Create();
        await using var server = RedisServerFixture.WithTls(Password, certificate.CertificateFile, certificate.KeyFile);
        await server.InitializeAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(25));
        var passwordFile = Path.Combine(certificate.Directory, "redis-password");
        await File.WriteAllTextAsync(passwordFile, Password, cts.Token);
        await using var tls = RedisTestContext.Create(server, nameof(Connection_TlsWithCaFileAndPassword_ReadsAndWrites), configure: o =>
        {
            o.ConnectionString = $"127.0.0.1:{server.TlsPort},ssl=true,sslHost=127.0.0.1";
            o.PasswordFile = passwordFile;
            o.TlsCaFile = certificate.CertificateFile;
        });
        await tls.ConnectAsync(cts.Token);
        var key = tls.Options.KeyPrefix + ":tls";

        await tls.Connection.StringSetAsync(key, Encoding.UTF8.GetBytes("over tls"), TimeSpan.FromMinutes(1), cts.Token);
        var read = await tls.Connection.StringGetAsync(key, cts.Token);

        Encoding.UTF8.GetString(read!).Should().Be("over tls");
    }
}
