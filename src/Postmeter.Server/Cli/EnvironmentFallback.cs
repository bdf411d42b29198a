namespace Postmeter.Server.Cli;

/// <summary>Every flag can also come from <c>POSTMETER_*</c> or Lightmeter's <c>LIGHTMETER_*</c> environment variables; the command line wins.</summary>
internal static class EnvironmentFallback
{
    public static string? Get(params string[] names)
    {
        foreach (var name in names)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
