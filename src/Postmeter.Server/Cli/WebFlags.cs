using System.CommandLine;
using Postmeter.Server.Settings;
using Postmeter.Server.Web;

namespace Postmeter.Server.Cli;

/// <summary>The flags of the web host, built from their rows of <see cref="SettingsTable"/>.</summary>
internal sealed class WebFlags
{
    private readonly Option<string?> _listen = SettingsTable.Listen.TextOption();
    private readonly Option<bool> _headless = SettingsTable.Headless.SwitchOption();
    private readonly Option<string?> _tlsCertificate = SettingsTable.TlsCertificate.TextOption();
    private readonly Option<string?> _tlsKey = SettingsTable.TlsKey.TextOption();
    private readonly Option<string?> _trustedProxies = SettingsTable.TrustedProxies.TextOption();
    private readonly Option<bool> _noReverseProxy = SettingsTable.NoReverseProxy.SwitchOption();
    private readonly Option<bool> _allowMultipleUsers = SettingsTable.AllowMultipleUsers.SwitchOption();
    private readonly Option<bool> _metricsPublic = SettingsTable.MetricsPublic.SwitchOption();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _listen, _headless, _tlsCertificate, _tlsKey, _trustedProxies, _noReverseProxy, _allowMultipleUsers, _metricsPublic })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The web host's options, with every problem of them added to <paramref name="problems"/>.</summary>
    public WebOptions Read(SettingValues values, SettingProblems problems)
    {
        var options = new WebOptions
        {
            Listen = values.Value(_listen, SettingsTable.Listen),
            TlsCertificate = values.Text(_tlsCertificate, SettingsTable.TlsCertificate) is { Length: > 0 } certificate ? certificate : null,
            TlsKey = values.Text(_tlsKey, SettingsTable.TlsKey) is { Length: > 0 } key ? key : null,
            TrustedProxies = values.Value(_trustedProxies, SettingsTable.TrustedProxies),
        };
        options.Headless = problems.Check(() => values.Switch(_headless, SettingsTable.Headless), false);
        options.NoReverseProxyAcknowledged = problems.Check(() => values.Switch(_noReverseProxy, SettingsTable.NoReverseProxy), false);
        options.AllowMultipleUsers = problems.Check(() => values.Switch(_allowMultipleUsers, SettingsTable.AllowMultipleUsers), false);
        options.MetricsPublic = problems.Check(() => values.Switch(_metricsPublic, SettingsTable.MetricsPublic), false);
        foreach (var problem in WebOptionsValidator.Problems(options))
        {
            problems.Add(problem);
        }

        return options;
    }
}
