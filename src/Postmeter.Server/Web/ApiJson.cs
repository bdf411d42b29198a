using System.Text.Json;
using System.Text.Json.Serialization;

namespace Postmeter.Server.Web;

/// <summary>How the API writes and reads JSON: snake_case names, enums as snake_case text, unknown fields refused.</summary>
internal static class ApiJson
{
    /// <summary>The same options outside a request (<c>-default_settings</c>).</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        return options;
    }
}
