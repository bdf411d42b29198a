using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmeter.Core.Reporting;

/// <summary>The report as JSON with snake_case names, for scripts and monitoring.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Report report, Stream output) => JsonSerializer.Serialize(output, report, Options);
}
