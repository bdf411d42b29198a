using System.Globalization;
using Postmeter.Core.Parsing;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Sources;
using Postmeter.Storage;

namespace Postmeter.Server.Settings;

/// <summary>
/// Every setting of <c>postmeter</c>, one row each: flags (Lightmeter's spellings are kept for its users), environment
/// variables, default, help. Commands build their flags from these rows and read their values through
/// <see cref="SettingValues"/>; the README's tables list the same rows.
/// </summary>
internal static class SettingsTable
{
    public static Setting Workspace { get; } = new(
        "workspace", ["--workspace", "-workspace"], ["POSTMETER_WORKSPACE", "LIGHTMETER_WORKSPACE"], "/var/lib/postmeter",
        "The workspace folder where Postmeter keeps its data.");

    public static Setting WatchDir { get; } = new(
        "watch_dir", ["--watch-dir", "-watch_dir"], ["POSTMETER_WATCH_DIR", "LIGHTMETER_WATCH_DIR"], null,
        "A Postfix log directory (such as /var/log): its current and rotated logs are imported, oldest first. Repeatable.",
        SettingShape.List);

    public static Setting ImportOnly { get; } = new(
        "importonly", ["--import-only", "-importonly"], ["POSTMETER_IMPORT_ONLY", "LIGHTMETER_IMPORTONLY"], null,
        "Import what the log sources hold now, then exit.", SettingShape.Switch);

    public static Setting Stdin { get; } = new(
        "stdin", ["--stdin", "-stdin"], ["POSTMETER_STDIN", "LIGHTMETER_STDIN"], null,
        "Read log lines from standard input.", SettingShape.Switch);

    public static Setting LogsUseRsync { get; } = new(
        "logs_use_rsync", ["--logs-use-rsync", "-logs_use_rsync"], ["POSTMETER_LOGS_USE_RSYNC", "LIGHTMETER_LOGS_USE_RSYNC"], null,
        "-watch_dir is a copy kept up to date by rsync. Accepted for Lightmeter's users; not needed: files are known by their content, so a copy renamed over a file is read on where it stood.",
        SettingShape.Switch);

    public static Setting LogsSocket { get; } = new(
        "logs_socket", ["--logs-socket", "-logs_socket"], ["POSTMETER_LOGS_SOCKET", "LIGHTMETER_LOGS_SOCKET"], null,
        "Receive log lines (newline-framed, in -log_format) on a socket: unix=PATH or tcp=HOST:PORT; several clients at once.");

    public static Setting SyslogListen { get; } = new(
        "syslog_listen", ["--syslog-listen"], ["POSTMETER_SYSLOG_LISTEN"], null,
        "Receive syslog (RFC 5424 or 3164; octet-counted or newline framing over TCP, a message per datagram over UDP) at tcp://HOST:PORT or udp://HOST:PORT, e.g. from rsyslog's omfwd on several mail servers. Repeatable.",
        SettingShape.List, ' ');

    public static Setting LogFilePatterns { get; } = new(
        "log_file_patterns", ["--log-file-patterns", "-log_file_patterns"], ["POSTMETER_LOG_FILE_PATTERNS", "LIGHTMETER_LOG_FILE_PATTERNS"],
        string.Join(':', LogDirectory.DefaultPatterns), "Colon-separated base names of the log files in -watch_dir.");

    public static Setting LogLevel { get; } = new(
        "log_level", ["--log-level", "-log_level"], ["POSTMETER_LOG_LEVEL", "LIGHTMETER_LOG_LEVEL"], "INFO",
        "DEBUG, INFO, WARN or ERROR.");

    public static Setting DataRetention { get; } = new(
        "data_retention", ["--data-retention", "-data_retention_duration", "--data-retention-duration"],
        ["POSTMETER_DATA_RETENTION", "LIGHTMETER_DATA_RETENTION_DURATION"], RetentionPeriod.Format(RetentionPeriod.Default),
        "How long to keep data, counted back from the newest log time in the workspace: 90d, 12w, 2160h, 1y.");

    public static Setting CommitRecords { get; } = new(
        "commit_records", ["--commit-records"], ["POSTMETER_COMMIT_RECORDS"], ImportSettings.DefaultCommitRecords.ToString(CultureInfo.InvariantCulture),
        "Commit the import at least every N messages, rejects and auth failures (it also commits every second). Each commit is atomic whatever its size.");

    public static Setting LogFormat { get; } = new(
        "log_format", ["--log-format", "-log_format"], ["POSTMETER_LOG_FORMAT", "LIGHTMETER_LOG_FORMAT"], "default",
        $"How lines are framed: {LogFormatNames.Expected}.");

    public static Setting LogStartingYear { get; } = new(
        "log_starting_year", ["--log-starting-year", "-log_starting_year"], ["POSTMETER_LOG_STARTING_YEAR", "LIGHTMETER_LOGS_STARTING_YEAR"], null,
        "Year of the first line of year-less logs (by default from each file's modification time; the current year for standard input; 0 means the current year).");

    public static Setting TimeZone { get; } = new(
        "timezone", ["--timezone"], ["POSTMETER_TIMEZONE"], "local",
        "Time zone of year-less log times, e.g. Europe/Berlin or UTC (local: this machine's).");

    public static Setting Listen { get; } = new(
        "listen", ["--listen", "-listen"], ["POSTMETER_LISTEN", "LIGHTMETER_LISTEN"], ":8080",
        "Where the web application and its API listen: [HOST]:PORT (no host: every address; port 0: any free port, logged at start).");

    public static Setting Headless { get; } = new(
        "headless", ["--headless"], ["POSTMETER_HEADLESS"], null,
        "Serve the API only, without the web pages.", SettingShape.Switch);

    public static Setting TlsCertificate { get; } = new(
        "tls_cert", ["--tls-cert"], ["POSTMETER_TLS_CERT"], null,
        "A PEM certificate (chain) file: serve HTTPS (with HTTP/2) instead of HTTP. Needs --tls-key.");

    public static Setting TlsKey { get; } = new(
        "tls_key", ["--tls-key"], ["POSTMETER_TLS_KEY"], null,
        "The PEM private key of --tls-cert.");

    public static Setting TrustedProxies { get; } = new(
        "trusted_proxies", ["--trusted-proxies"], ["POSTMETER_TRUSTED_PROXIES"], "127.0.0.0/8,::1/128",
        "Comma-separated addresses or CIDR networks of reverse proxies whose X-Forwarded-For, -Proto and -Prefix headers are believed; other peers' are ignored. 'none' trusts no one.");

    public static Setting NoReverseProxy { get; } = new(
        "i_know_what_am_doing_not_using_a_reverse_proxy",
        ["--i-know-what-am-doing-not-using-a-reverse-proxy", "-i_know_what_am_doing_not_using_a_reverse_proxy"],
        ["POSTMETER_NO_REVERSE_PROXY", "LIGHTMETER_I_KNOW_WHAT_I_AM_DOING_NOT_USING_A_REVERSE_PROXY"], null,
        "Accepted for Lightmeter's users; nothing to acknowledge: forwarded headers are believed only from --trusted-proxies.",
        SettingShape.Switch);

    public static Setting AllowMultipleUsers { get; } = new(
        "allow_multiple_users", ["--allow-multiple-users"], ["POSTMETER_ALLOW_MULTIPLE_USERS"], null,
        "Let administrators add more users (admins and viewers); without it there is one administrator.", SettingShape.Switch);

    public static Setting MetricsPublic { get; } = new(
        "metrics_public", ["--metrics-public"], ["POSTMETER_METRICS_PUBLIC"], null,
        "Serve /metrics without a token (only where the network in front of it is trusted).", SettingShape.Switch);

    public static Setting RegisteredUserEmail { get; } = new(
        "registered_user_email", ["--registered-user-email", "-registered_user_email"],
        ["POSTMETER_REGISTERED_USER_EMAIL", "LIGHTMETER_REGISTERED_USER_EMAIL"], null,
        "With --registered-user-name and --registered-user-password: the administrator to have at start, for automated deployments (registered if nobody is, else the first user takes these values).");

    public static Setting RegisteredUserName { get; } = new(
        "registered_user_name", ["--registered-user-name", "-registered_user_name"],
        ["POSTMETER_REGISTERED_USER_NAME", "LIGHTMETER_REGISTERED_USER_NAME"], null,
        "The name of --registered-user-email.");

    public static Setting RegisteredUserPassword { get; } = new(
        "registered_user_password", ["--registered-user-password", "-registered_user_password"],
        ["POSTMETER_REGISTERED_USER_PASSWORD", "LIGHTMETER_REGISTERED_USER_PASSWORD"], null,
        "The password of --registered-user-email (prefer the environment variable: a flag shows in the process list).");

    public static Setting ProviderGroupsFile { get; } = new(
        "provider_groups", ["--provider-groups"], ["POSTMETER_PROVIDER_GROUPS"], null,
        "A file of provider group rules ('group domain-pattern' per line, as the shipped provider-groups.txt) that adds domains to the shipped rules or moves them to another group, for the dashboard's provider groups.");

    public static Setting DnsblZones { get; } = new(
        "dnsbl_zones", ["--dnsbl-zones"], ["POSTMETER_DNSBL_ZONES"], null,
        "A file of DNS blocklist zones to check the mail server's public address against (one per line, Postfix's zone=127.0.0.[2..11] filters allowed), instead of the shipped dnsbl-zones.txt.");

    public static Setting DnsResolver { get; } = new(
        "dns_resolver", ["--dns-resolver"], ["POSTMETER_DNS_RESOLVER"], null,
        "Comma-separated DNS servers (ADDRESS or ADDRESS:PORT) for the blocklist checks; by default the system's. Spamhaus and others refuse public resolvers: use one of your own.");

    public static Setting DefaultSettings { get; } = new(
        "default_settings", ["--default-settings", "-default_settings"], ["POSTMETER_DEFAULT_SETTINGS", "LIGHTMETER_DEFAULT_SETTINGS"], null,
        "Settings for a new workspace, as JSON in the form of GET /api/v1/settings (for example {\"general\":{\"language\":\"de\"}}); applied once, while none are stored.");

    /// <summary>Every row, in the order of the help.</summary>
    public static IReadOnlyList<Setting> All { get; } =
    [
        Workspace, WatchDir, ImportOnly, Stdin, LogsUseRsync, LogsSocket, SyslogListen, LogFilePatterns, LogLevel, DataRetention,
        CommitRecords, LogFormat, LogStartingYear, TimeZone, Listen, Headless, TlsCertificate, TlsKey, TrustedProxies, NoReverseProxy,
        AllowMultipleUsers, MetricsPublic, ProviderGroupsFile, DnsblZones, DnsResolver, RegisteredUserEmail, RegisteredUserName, RegisteredUserPassword,
        DefaultSettings,
    ];
}
