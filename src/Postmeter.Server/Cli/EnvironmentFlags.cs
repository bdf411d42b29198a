namespace Postmeter.Server.Cli;

/// <summary>Reads flag values that came from the environment: booleans and colon-separated lists, as Lightmeter wrote them.</summary>
internal static class EnvironmentFlags
{
    public static bool? Boolean(string flag, params string[] names)
    {
        var text = EnvironmentFallback.Get(names);
        return text?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "1" or "true" or "yes" or "on" => true,
            "0" or "false" or "no" or "off" => false,
            _ => throw new UsageException($"{flag}: {names[0]}='{text}' is not a boolean; expected true or false"),
        };
    }

    public static string[] List(params string[] names) =>
        EnvironmentFallback.Get(names)?.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
