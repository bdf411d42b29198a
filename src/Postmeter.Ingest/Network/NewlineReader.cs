namespace Postmeter.Ingest.Network;

/// <summary>Reads a <c>-logs_socket</c> connection: newline-framed log lines in the configured <c>-log_format</c>.</summary>
public static class NewlineReader
{
    public static async Task Read(Stream stream, string client, LineFeed feed, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var splitter = new StreamLineSplitter(client, feed);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, stop).ConfigureAwait(false)) > 0)
        {
            splitter.Add(buffer.AsSpan(0, read), stop);
        }

        splitter.End(stop);
    }
}
