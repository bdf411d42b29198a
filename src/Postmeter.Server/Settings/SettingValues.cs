using System.CommandLine;
using Postmeter.Server.Cli;

namespace Postmeter.Server.Settings;

/// <summary>
/// A setting's value: the command line when the flag was given, else the first of its environment variables that is
/// set, else its default. The environment is read through <paramref name="environment"/> only.
/// </summary>
internal sealed class SettingValues(ParseResult result, Func<string, string?> environment)
{
    public string? Text(Option<string?> option, Setting setting) =>
        Given(option) ? result.GetValue(option) : FromEnvironment(setting) ?? setting.Default;

    /// <summary>The value of a setting that has a default, so there always is one.</summary>
    public string Value(Option<string?> option, Setting setting) =>
        Text(option, setting) ?? throw new InvalidOperationException($"setting {setting.Name} has no default");

    public bool Switch(Option<bool> option, Setting setting)
    {
        if (Given(option))
        {
            return result.GetValue(option);
        }

        var (name, text) = EnvironmentEntry(setting);
        return text?.Trim().ToLowerInvariant() switch
        {
            null => false,
            "1" or "true" or "yes" or "on" => true,
            "0" or "false" or "no" or "off" => false,
            _ => throw new UsageException($"{setting.Flags[0]}: {name}='{text}' is not a boolean; expected true or false"),
        };
    }

    public string[] List(Option<string[]> option, Setting setting)
    {
        if (Given(option) && result.GetValue(option) is { Length: > 0 } given)
        {
            return given;
        }

        return FromEnvironment(setting)?.Split(setting.ListSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
    }

    private bool Given(Option option) => result.GetResult(option) is { Implicit: false };

    private string? FromEnvironment(Setting setting) => EnvironmentEntry(setting).Value;

    private (string? Name, string? Value) EnvironmentEntry(Setting setting)
    {
        foreach (var name in setting.Environment)
        {
            if (environment(name) is { } value && !string.IsNullOrWhiteSpace(value))
            {
                return (name, value);
            }
        }

        return (null, null);
    }
}
