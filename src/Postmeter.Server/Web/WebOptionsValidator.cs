using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Postmeter.Server.Web;

/// <summary>Checks <see cref="WebOptions"/> at start: every problem one line that names the flag and what it expects.</summary>
internal sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        var problems = Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    public static List<string> Problems(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!HttpListenAddress.TryParse(options.Listen, out _))
        {
            problems.Add($"-listen: '{options.Listen}' is not an address to listen at; expected {HttpListenAddress.Expected}");
        }

        if (!TrustedNetworks.TryParse(options.TrustedProxies, out _))
        {
            problems.Add($"--trusted-proxies: '{options.TrustedProxies}' is not a list of networks; expected {TrustedNetworks.Expected}");
        }

        if ((options.TlsCertificate is null) != (options.TlsKey is null))
        {
            problems.Add("--tls-cert and --tls-key go together: give both PEM files (certificate and private key), or neither for plain HTTP");
        }
        else if (options.TlsCertificate is { } certificate && options.TlsKey is { } key)
        {
            if (LoadProblem(certificate, key) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    /// <summary>Loads the certificate once, so that a wrong file is named now rather than at the first HTTPS request.</summary>
    private static string? LoadProblem(string certificate, string key)
    {
        foreach (var (flag, path) in new[] { ("--tls-cert", certificate), ("--tls-key", key) })
        {
            if (!File.Exists(path))
            {
                return $"{flag}: no such file: {path}; expected a PEM file";
            }
        }

        try
        {
            using var loaded = X509Certificate2.CreateFromPemFile(certificate, key);
            return loaded.HasPrivateKey ? null : $"--tls-key: {key} holds no private key for {certificate}";
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return $"--tls-cert/--tls-key: cannot load {certificate} with {key} ({e.Message}); expected a PEM certificate and its PEM private key";
        }
    }
}
