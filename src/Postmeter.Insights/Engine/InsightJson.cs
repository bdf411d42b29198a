using System.Text.Json;

namespace Postmeter.Insights.Engine;

/// <summary>How an insight's content is written: JSON in snake_case, times in UTC (ISO 8601).</summary>
public static class InsightJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Write(object content) => JsonSerializer.Serialize(content, content.GetType(), Options);
}
