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
    private readonly Option<string?> _registeredEmail = SettingsTable.RegisteredUserEmail.TextOption();
    private readonly Option<string?> _registeredName = SettingsTable.RegisteredUserName.TextOption();
    private readonly Option<string?> _registeredPassword = SettingsTable.RegisteredUserPassword.TextOption();
    private readonly Option<string?> _defaultSettings = SettingsTable.DefaultSettings.TextOption();
    private readonly Option<string?> _providerGroups = SettingsTable.ProviderGroupsFile.TextOption();
    private readonly Option<string?> _dnsblZones = SettingsTable.DnsblZones.TextOption();
    private readonly Option<string?> _dnsResolver = SettingsTable.DnsResolver.TextOption();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _listen, _headless, _tlsCertificate, _tlsKey, _trustedProxies, _noReverseProxy, _allowMultipleUsers, _metricsPublic, _registeredEmail, _registeredName, _registeredPassword, _defaultSettings, _providerGroups, _dnsblZones, _dnsResolver })
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
        options.RegisteredUser = problems.Check(() => Registered(values), null);
        options.DefaultSettings = problems.Check(() => Defaults(values), null);
        options.ProviderGroups = problems.Check(() => ProviderGroups(values), Core.Classification.ProviderGroups.Default);
        options.DnsblZones = problems.Check(() => DnsblZones(values), Insights.Dnsbl.DnsblZone.Default);
        options.DnsResolvers = problems.Check(() => DnsResolvers(values), []);
        foreach (var problem in WebOptionsValidator.Problems(options))
        {
            problems.Add(problem);
        }

        return options;
    }

    private RegisteredUser? Registered(SettingValues values)
    {
        var email = values.Text(_registeredEmail, SettingsTable.RegisteredUserEmail);
        var name = values.Text(_registeredName, SettingsTable.RegisteredUserName);
        var password = values.Text(_registeredPassword, SettingsTable.RegisteredUserPassword);
        if (email is null && name is null && password is null)
        {
            return null;
        }

        if (email is null || name is null || password is null)
        {
            throw new UsageException("-registered_user_email, -registered_user_name and -registered_user_password go together: give all three, or none");
        }

        var errors = new Dictionary<string, string[]>();
        var checkedEmail = Api.AuthApi.CheckEmail(email, errors);
        var checkedName = Api.AuthApi.CheckName(name, errors);
        if (checkedEmail is not null && checkedName is not null && Accounts.PasswordPolicy.Problem(password, checkedEmail, checkedName) is { } weak)
        {
            errors["password"] = [weak];
        }

        return errors.Count == 0
            ? new RegisteredUser(checkedEmail!, checkedName!, password)
            : throw new UsageException([.. errors.Values.SelectMany(e => e).Select(e => "-registered_user_" + e)]);
    }

    private IReadOnlyList<Insights.Dnsbl.DnsblZone> DnsblZones(SettingValues values)
    {
        if (values.Text(_dnsblZones, SettingsTable.DnsblZones) is not { Length: > 0 } path)
        {
            return Insights.Dnsbl.DnsblZone.Default;
        }

        try
        {
            using var reader = File.OpenText(path);
            return Insights.Dnsbl.DnsblZone.Parse(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--dnsbl-zones: cannot read '{path}': {e.Message}");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--dnsbl-zones: {e.Message}");
        }
    }

    private List<System.Net.IPEndPoint> DnsResolvers(SettingValues values)
    {
        var servers = new List<System.Net.IPEndPoint>();
        foreach (var server in (values.Text(_dnsResolver, SettingsTable.DnsResolver) ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (System.Net.IPEndPoint.TryParse(server, out var endpoint))
            {
                servers.Add(endpoint.Port == 0 ? new System.Net.IPEndPoint(endpoint.Address, 53) : endpoint);
            }
            else
            {
                throw new UsageException($"--dns-resolver: '{server}' is not a DNS server; expected an address such as 127.0.0.53 or 127.0.0.1:5353");
            }
        }

        return servers;
    }

    private Core.Classification.ProviderGroups ProviderGroups(SettingValues values)
    {
        if (values.Text(_providerGroups, SettingsTable.ProviderGroupsFile) is not { Length: > 0 } path)
        {
            return Core.Classification.ProviderGroups.Default;
        }

        try
        {
            using var reader = File.OpenText(path);
            return Core.Classification.ProviderGroups.Parse(reader, path, Core.Classification.ProviderGroups.Default);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--provider-groups: cannot read '{path}': {e.Message}");
        }
        catch (FormatException e)
        {
            throw new UsageException($"--provider-groups: {e.Message}");
        }
    }

    private Api.SettingsDocument? Defaults(SettingValues values)
    {
        if (values.Text(_defaultSettings, SettingsTable.DefaultSettings) is not { Length: > 0 } text || text.Trim() == "{}")
        {
            return null;
        }

        Api.SettingsDocument? document;
        try
        {
            document = System.Text.Json.JsonSerializer.Deserialize<Api.SettingsDocument>(text, ApiJson.Options);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new UsageException($"-default_settings: not the JSON of GET /api/v1/settings ({e.Message})");
        }

        var errors = document is null ? [] : WorkspaceSettings.SettingsValidator.Problems(document);
        return errors.Count == 0 ? document : throw new UsageException([.. errors.Values.SelectMany(e => e).Select(e => "-default_settings: " + e)]);
    }
}
