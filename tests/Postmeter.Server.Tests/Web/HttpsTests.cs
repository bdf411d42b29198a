using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Postmeter.Server.Tests.Web;

/// <summary>Native HTTPS from PEM files, with HTTP/2 and Secure cookies, against a real server and a certificate made here.</summary>
public sealed class HttpsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_pem_certificate_serves_https_with_http2_and_the_session_cookie_is_secure()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=postmeter.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = _temp.Write("cert.pem", certificate.ExportCertificatePem());
        var keyFile = _temp.Write("key.pem", key.ExportPkcs8PrivateKeyPem());
        var logs = LogFolders.Empty(_temp);

        using var server = ServerProcess.Start(_temp.Path("ws"), logs, "--tls-cert", certificateFile, "--tls-key", keyFile);
        using var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(),
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var browser = new ApiClient(server.Address, handler);
        using var http2 = new HttpRequestMessage(HttpMethod.Get, "livez") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var live = await browser.Http.SendAsync(http2);
        var registered = await browser.Register();

        Assert.Equal("https", server.Address.Scheme);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpVersion.Version20, live.Version);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Contains(registered.Headers.GetValues("Set-Cookie"), cookie =>
            cookie.StartsWith("postmeter_session=", StringComparison.Ordinal) && cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, server.Stop());
    }
}
