using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Tracking;

/// <summary>The open-addressing table of packed messages against a dictionary, through growth, shrinking and removal chains.</summary>
public class PackedTableTests
{
    [Fact]
    public void Random_sets_and_removes_leave_the_table_holding_what_a_dictionary_holds()
    {
        var random = new Random(7);
        var codec = new PackedMessage(new StringCache());
        var table = new PackedTable();
        var expected = new Dictionary<QueueKey, long>();
        var t = new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc);
        for (var step = 0; step < 40_000; step++)
        {
            // Few distinct ids, so that sets replace, removes hit, and probe chains form and break.
            var queueId = $"{random.Next(3000):X5}";
            var key = QueueKey.From(random.Next(2), System.Text.Encoding.ASCII.GetBytes(queueId));
            if (random.Next(3) > 0 || step < 2000)
            {
                var message = new TrackedMessage("mail", "postfix", queueId, t) { StateId = step };
                table.Set(codec.Pack(message, key));
                expected[key] = step;
            }
            else
            {
                var removed = table.Remove(key, out var packed);
                Assert.Equal(expected.Remove(key, out var id), removed);
                if (removed)
                {
                    Assert.Equal(id, PackedMessage.ReadHeader(packed).StateId);
                }
            }

            Assert.Equal(expected.Count, table.Count);
        }

        var held = table.All().ToDictionary(p => PackedMessage.ReadKey(p), p => PackedMessage.ReadHeader(p).StateId);
        Assert.Equal(expected.OrderBy(e => e.Value), held.OrderBy(e => e.Value));
        foreach (var key in expected.Keys.ToList())
        {
            Assert.True(table.Remove(key, out _));
        }

        Assert.Equal(0, table.Count);
        Assert.Empty(table.All());
    }
}
