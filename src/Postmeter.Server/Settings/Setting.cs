using System.CommandLine;

namespace Postmeter.Server.Settings;

/// <summary>How a setting's value is written: one value, a yes/no switch, or several (repeated flag, or a list in the environment).</summary>
internal enum SettingShape
{
    Text,
    Switch,
    List,
}

/// <summary>
/// One setting of the <c>postmeter</c> program: its flag spellings (GNU first, then Lightmeter's), its environment
/// variables (<c>POSTMETER_*</c> first, then Lightmeter's <c>LIGHTMETER_*</c>), its default and its help. The help text of
/// every flag and the binding of every value come from this one row, so the two cannot disagree.
/// </summary>
/// <param name="ListSeparator">For <see cref="SettingShape.List"/>: how the environment variable separates values.</param>
internal sealed record Setting(
    string Name,
    string[] Flags,
    string[] Environment,
    string? Default,
    string Help,
    SettingShape Shape = SettingShape.Text,
    char ListSeparator = ':')
{
    /// <summary>The help line: what it does, its default and where else it can come from.</summary>
    public string Description
    {
        get
        {
            var text = Help;
            if (HiddenSpellings.Count > 0)
            {
                text += $" Also spelled {string.Join(", ", HiddenSpellings)}.";
            }

            if (Default is not null)
            {
                text += $" Default: {Default}.";
            }

            if (Environment.Length > 0)
            {
                var separated = Shape == SettingShape.List ? (ListSeparator == ' ' ? " (space-separated)" : $" ({ListSeparator}-separated)") : string.Empty;
                text += $" Env: {string.Join(", ", Environment)}{separated}.";
            }

            return text;
        }
    }

    /// <summary>
    /// Spellings the help leaves out: of two that differ only in their dashes (<c>-workspace</c>, <c>--workspace</c>)
    /// System.CommandLine shows one, and users type both.
    /// </summary>
    private IReadOnlyList<string> HiddenSpellings =>
        [.. Flags.Where((flag, i) => Flags.Skip(i + 1).Any(later => later.TrimStart('-') == flag.TrimStart('-')))];

    public Option<string?> TextOption() => new(Flags[0], Flags[1..]) { Description = Description };

    public Option<bool> SwitchOption() => new(Flags[0], Flags[1..]) { Description = Description };

    public Option<string[]> ListOption() => new(Flags[0], Flags[1..])
    {
        Description = Description,
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };
}
