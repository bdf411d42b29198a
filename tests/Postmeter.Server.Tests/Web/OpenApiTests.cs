using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Postmeter.Server.Tests.Web;

/// <summary>
/// The OpenAPI document the server generates is the one committed in <c>docs/openapi.json</c>, so every API change
/// shows in review (and the UI's typed client is built from it). After a deliberate change, run the tests with
/// <c>POSTMETER_UPDATE_OPENAPI=1</c> to write the new document, and commit it.
/// </summary>
public sealed class OpenApiTests : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task The_served_openapi_document_is_the_committed_one_and_the_explorer_is_served()
    {
        var logs = LogFolders.Empty(_temp);
        using var server = ServerProcess.Start(_temp.Path("ws"), logs);
        using var client = server.Client();

        var served = Normalised(await (await client.Get("openapi/v1.json")).Content.ReadAsStringAsync());
        var explorer = await client.Get("api/");
        var committedPath = Path.Combine(FixturePaths.Root, "docs", "openapi.json");
        if (Environment.GetEnvironmentVariable("POSTMETER_UPDATE_OPENAPI") is "1")
        {
            await File.WriteAllTextAsync(committedPath, served);
        }

        Assert.True(File.Exists(committedPath), "docs/openapi.json is missing; run the tests with POSTMETER_UPDATE_OPENAPI=1 and commit it");
        Assert.True(
            Normalised(await File.ReadAllTextAsync(committedPath)) == served,
            "the API changed: docs/openapi.json differs from /openapi/v1.json; run the tests with POSTMETER_UPDATE_OPENAPI=1 and commit the new document");
        Assert.Equal(HttpStatusCode.OK, explorer.StatusCode);
        Assert.Contains("Postmeter API", await explorer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var paths = JsonNode.Parse(served)!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/auth/login", paths);
        Assert.All(JsonNode.Parse(served)!["paths"]!.AsObject(), path => Assert.All(path.Value!.AsObject(), operation =>
            Assert.False(string.IsNullOrWhiteSpace(operation.Value?["summary"]?.GetValue<string>()), $"{operation.Key} {path.Key} has no summary")));
    }

    private static string Normalised(string json) =>
        JsonSerializer.Serialize(JsonNode.Parse(json), Indented) + "\n";
}
