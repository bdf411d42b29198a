using Microsoft.Data.Sqlite;
using Postmeter.Storage.Detective;

namespace Postmeter.Storage.Sqlite;

/// <summary>Fills schema 6's lookup columns of the rows stored before it, with the rules new rows are written with.</summary>
internal static class DetectiveLookupFill
{
    public static void Run(SqliteConnection connection, SqliteTransaction transaction)
    {
        connection.CreateFunction<string?, string?>("postmeter_domain", LookupKeys.DomainOf, isDeterministic: true);
        connection.CreateFunction<string?, string?>("postmeter_relay_key", LookupKeys.RelayKeyOf, isDeterministic: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            UPDATE messages SET sender_domain = postmeter_domain(sender) WHERE sender IS NOT NULL;
            UPDATE recipients SET domain = postmeter_domain(address), relay_key = postmeter_relay_key(attempts ->> '$[#-1][3]');
            UPDATE rejects SET sender_domain = postmeter_domain(sender), recipient_domain = postmeter_domain(recipient);
            """;
        command.ExecuteNonQuery();
    }
}
