using Microsoft.Data.Sqlite;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Storage.Tests;

public sealed class AttemptsJsonTests
{
    private static readonly DateTime At = new(2026, 11, 21, 10, 15, 0, 120, DateTimeKind.Utc);

    public static TheoryData<string> Responses =>
    [
        "250 2.0.0 OK 1700000000 a1si2345678qkb.12 - gsmtp",
        "550 5.7.1 \"quoted\" and back\\slashed",
        "451 tab\there, bell\u0007, newline\n, nul\0 end",
        "550 5.1.1 <üser@exämple.de>: Empfänger unbekannt — 用户不存在",
        "",
    ];

    [Theory]
    [MemberData(nameof(Responses))]
    public void Attempts_read_back_exactly_and_sqlite_understands_the_text(string response)
    {
        DeliveryAttempt[] attempts =
        [
            new(At, DeliveryStatus.Deferred, "smtp", "mx.example.com[192.0.2.9]:25", "4.4.1", response, 0.01, null),
            new(At.AddMinutes(5), DeliveryStatus.Sent, "lmtp", null, null, null, double.NaN, "TLSv1.3"),
            new(At.AddMinutes(9), DeliveryStatus.Bounced, "smtp", "[2001:db8::1]:25", "5.0.0", response, 123456.78, null),
        ];
        var json = new AttemptsJson().Encode(attempts).ToArray();

        var back = new List<DeliveryAttempt>();
        AttemptsJson.Decode(json, back);

        Assert.Equal(attempts.Length, back.Count);
        for (var i = 0; i < attempts.Length; i++)
        {
            Assert.Equal(attempts[i] with { Delay = 0 }, back[i] with { Delay = 0 });
            Assert.Equal(attempts[i].Delay, back[i].Delay);
            Assert.Equal(DateTimeKind.Utc, back[i].Time.Kind);
        }

        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_valid($j), json_extract($j, '$[0][5]'), json_extract($j, '$[1][6]') IS NULL, json_array_length($j)";
        command.Parameters.AddWithValue("$j", System.Text.Encoding.UTF8.GetString(json));
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(1, reader.GetInt64(0));
        Assert.Equal(response, reader.GetString(1));
        Assert.Equal(1, reader.GetInt64(2));
        Assert.Equal(3, reader.GetInt64(3));
    }

    [Fact]
    public void No_attempts_is_an_empty_array()
    {
        Assert.Equal("[]"u8.ToArray(), new AttemptsJson().Encode([]).ToArray());
        var back = new List<DeliveryAttempt>();
        AttemptsJson.Decode("[]"u8, back);
        Assert.Empty(back);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[[639308529000000000,0]]")]
    [InlineData("[[639308529000000000,0,null,null,null,null,null,null]]")]
    [InlineData("[[639308529000000000,0,\"smtp\",null,null,null,null,null]")]
    public void Text_that_is_not_what_postmeter_writes_is_refused_with_what_was_wrong(string json)
    {
        var e = Assert.Throws<InvalidDataException>(() => AttemptsJson.Decode(System.Text.Encoding.UTF8.GetBytes(json), []));
        Assert.StartsWith("recipients.attempts is not the JSON Postmeter writes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_attempts_value_in_a_workspace_is_a_workspace_error_naming_the_file_and_leaves_the_rows()
    {
        using var workspace = new Support.StoreFixture();
        workspace.Store.Commit(Support.Messages.Batch(0, Support.Messages.Sent("mail", "AAA111", At, "a@example.net", "b@gmail.com")));
        using (var connection = new SqliteConnection($"Data Source={workspace.Database};Pooling=False"))
        {
            connection.Open();
            using var damage = connection.CreateCommand();
            damage.CommandText = "UPDATE recipients SET attempts = '[[1,2]]'";
            damage.ExecuteNonQuery();
        }

        var e = Assert.Throws<WorkspaceException>(() => Support.ReplayOutput.Of(workspace.Store, TimeRange.All));

        Assert.Contains(workspace.Database, e.Message, StringComparison.Ordinal);
        Assert.Contains("recipients.attempts", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, workspace.Store.LoadImportState().NextSequence);
    }
}
