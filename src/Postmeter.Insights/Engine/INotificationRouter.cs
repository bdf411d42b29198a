namespace Postmeter.Insights.Engine;

/// <summary>Which notification channels an insight goes to, by each channel's policy (ratings, categories).</summary>
public interface INotificationRouter
{
    /// <summary>The keys (slack, email, webhook-…) of the enabled channels that take an insight of this type, rating and category.</summary>
    IReadOnlyCollection<string> ChannelsFor(string type, string rating, string category);
}
