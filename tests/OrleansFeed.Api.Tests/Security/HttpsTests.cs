using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OrleansFeed.Api.Tests.Security;

/// <summary>
/// Verifies HTTPS end to end with a certificate generated in the test (PEM certificate + key files, and PFX with a
/// password file): REST over https:// and a wss:// WebSocket, each client trusting exactly that certificate.
/// </summary>
public sealed class HttpsTests : IAsyncDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("orleansfeed-tls-");
    private ApiHost? _host;

    private CancellationToken Ct => _timeout.Token;

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _dir.Delete(recursive: true);
        _timeout.Dispose();
    }

    [Fact]
    public async Task PemCertificate_RestAndWebSocket_ServedOverTls()
    {
        using var certificate = CreateCertificate();
        var certFile = Path.Combine(_dir.FullName, "api.crt");
        var keyFile = Path.Combine(_dir.FullName, "api.key");
        await File.WriteAllTextAsync(certFile, certificate.ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(keyFile, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem(), Ct);
        _host = await ApiHost.StartAsync(security: new Dictionary<string, string?>
        {
            ["Security:Https:CertificateFile"] = certFile,
            ["Security:Https:KeyFile"] = keyFile,
        });
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint };
        using var https = new HttpClient(handler) { BaseAddress = _host.Address };

        var response = await https.GetAsync(new Uri("/api/v1/instruments", UriKind.Relative), Ct);
        using var ws = new ClientWebSocket();
        ws.Options.RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == certificate.Thumbprint;
        await ws.ConnectAsync(_host.WebSocketUri, Ct);
        await ws.SendAsync("""{"op":"ping","id":1}"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, Ct);
        var buffer = new byte[4096];
        var received = await ws.ReceiveAsync(buffer, Ct);

        _host.Address.Scheme.Should().Be("https");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("BTCUSDT");
        _host.WebSocketUri.Scheme.Should().Be("wss");
        Encoding.UTF8.GetString(buffer, 0, received.Count).Should().StartWith("{\"type\":\"pong\",\"id\":1");
    }

    [Fact]
    public async Task PfxCertificateWithPasswordFile_ServedOverTls_UntrustingClientRefused()
    {
        using var certificate = CreateCertificate();
        var pfx = Path.Combine(_dir.FullName, "api.pfx");
        var passwordFile = Path.Combine(_dir.FullName, "pfx-password");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "test-only-password"), Ct);
        await File.WriteAllTextAsync(passwordFile, "test-only-password\n", Ct);
        _host = await ApiHost.StartAsync(security: new Dictionary<string, string?>
        {
            ["Security:Https:CertificateFile"] = pfx,
            ["Security:Https:PasswordFile"] = passwordFile,
        });
        using var trusting = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint }) { BaseAddress = _host.Address };
        using var untrusting = new HttpClient { BaseAddress = _host.Address };

        var served = await trusting.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);
        var refused = () => untrusting.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);

        served.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Should().ThrowAsync<HttpRequestException>()).WithInnerException<AuthenticationException>();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
