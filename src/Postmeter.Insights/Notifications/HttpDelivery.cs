namespace Postmeter.Insights.Notifications;

/// <summary>Sends a channel's request and turns what went wrong into a <see cref="NotificationException"/> naming the channel.</summary>
internal static class HttpDelivery
{
    /// <summary>The answer of a request that succeeded (2xx); the caller disposes it.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, string channel, CancellationToken cancel)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancel).ConfigureAwait(false);
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            throw new NotificationException($"{channel}: no answer within {http.Timeout.TotalSeconds:0.#} s", e);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationException($"{channel}: {e.Message}", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var reason = response.ReasonPhrase;
            response.Dispose();
            throw new NotificationException($"{channel}: answered {status} {reason}");
        }

        return response;
    }
}
