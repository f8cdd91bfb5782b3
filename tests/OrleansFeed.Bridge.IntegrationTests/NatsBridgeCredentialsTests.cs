using OrleansFeed.TestKit.Nats;
using OrleansFeed.TestKit.Tls;

namespace OrleansFeed.Bridge.IntegrationTests;

/// <summary>
/// The bridge against a nats-server that requires TLS (a certificate generated in the test) and a user/password: with
/// the password from <c>Nats:PasswordFile</c> and the certificate as <c>Nats:Tls:CaFile</c> it connects, sets up
/// JetStream and publishes; a client trusting the same CA with the same credentials receives the silo's messages.
/// </summary>
public sealed class NatsBridgeCredentialsTests : IAsyncLifetime
{
    private const string User = "feed";
    private const string Password = "test-only-nats-password";
    private readonly TestCertificate _certificate = TestCertificate.Create();
    private readonly NatsServerFixture _server;

    public NatsBridgeCredentialsTests() =>
        _server = NatsServerFixture.WithUserPassword(User, Password, NatsServerFixture.TlsArgs(_certificate.CertificateFile, _certificate.KeyFile));

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task Bridge_TlsAndPasswordFile_ConnectsAndPublishes()
    {
        if (_server.SkipReason is not null) { return; }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var passwordFile = Path.Combine(_certificate.Directory, "nats-password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n", cts.Token);
        const string prefix = "md.sec";
        await using var silo = await BridgedSilo.StartAsync(_server.Url, prefix, cts.Token, new Dictionary<string, string?>
        {
            ["Nats:Username"] = User,
            ["Nats:PasswordFile"] = passwordFile,
            ["Nats:Tls:CaFile"] = _certificate.CertificateFile,
        });
        var clientTls = NatsTlsOpts.Default with
        {
            ConfigureClientAuthentication = o =>
            {
                o.RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == _certificate.Certificate.Thumbprint;
                return ValueTask.CompletedTask;
            },
        };
        await using var nats = new NatsConnection(NatsOpts.Default with { Url = _server.Url, AuthOpts = NatsAuthOpts.Default with { Username = User, Password = Password }, TlsOpts = clientTls });
        await nats.ConnectAsync();
        await using var trades = await nats.SubscribeCoreAsync<ReadOnlyMemory<byte>>(prefix + ".>", cancellationToken: cts.Token);
        await nats.PingAsync(cts.Token);

        await silo.PlayWhenBridgeReadyAsync(cts.Token);
        var first = await trades.Msgs.ReadAsync(cts.Token);

        silo.Status.Snapshot().Connected.Should().BeTrue();
        first.Subject.Should().StartWith(prefix + ".");
    }
}
