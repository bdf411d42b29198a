using System.CommandLine;
using Postmeter.Server.Settings;

namespace Postmeter.Server.Cli;

/// <summary>The top-level flags of <c>postmeter</c>, built from their rows of <see cref="SettingsTable"/>.</summary>
internal sealed class ImportOptions
{
    public Option<string?> Workspace { get; } = SettingsTable.Workspace.TextOption();

    public Option<string[]> WatchDir { get; } = SettingsTable.WatchDir.ListOption();

    public Option<bool> ImportOnly { get; } = SettingsTable.ImportOnly.SwitchOption();

    public Option<bool> Stdin { get; } = SettingsTable.Stdin.SwitchOption();

    public Option<bool> LogsUseRsync { get; } = SettingsTable.LogsUseRsync.SwitchOption();

    public Option<string?> LogsSocket { get; } = SettingsTable.LogsSocket.TextOption();

    public Option<string[]> SyslogListen { get; } = SettingsTable.SyslogListen.ListOption();

    public Option<string?> LogFilePatterns { get; } = SettingsTable.LogFilePatterns.TextOption();

    public Option<string?> LogLevel { get; } = SettingsTable.LogLevel.TextOption();

    public Option<string?> DataRetention { get; } = SettingsTable.DataRetention.TextOption();

    public Option<string?> CommitRecords { get; } = SettingsTable.CommitRecords.TextOption();

    public LogReadingOptions Logs { get; } = new();

    public WebFlags Web { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Workspace);
        command.Options.Add(WatchDir);
        command.Options.Add(ImportOnly);
        command.Options.Add(Stdin);
        command.Options.Add(LogsUseRsync);
        command.Options.Add(LogsSocket);
        command.Options.Add(SyslogListen);
        command.Options.Add(LogFilePatterns);
        command.Options.Add(LogLevel);
        command.Options.Add(DataRetention);
        command.Options.Add(CommitRecords);
        Logs.AddOptionsTo(command);
        Web.AddTo(command);
    }
}
