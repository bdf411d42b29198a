namespace Postmeter.Storage.Tests;

public sealed class RetentionPeriodTests
{
    [Theory]
    [InlineData("90d", 90 * 24)]
    [InlineData("2160h", 2160)]
    [InlineData("12w", 12 * 7 * 24)]
    [InlineData("1y", 365 * 24)]
    [InlineData("720h0m0s", 720)]
    [InlineData("1d12h", 36)]
    [InlineData("1.5d", 36)]
    [InlineData(" 90d ", 90 * 24)]
    [InlineData("90 d", 90 * 24)]
    [InlineData("5400m", 90)]
    public void Durations_in_days_weeks_years_and_go_style_parse(string text, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), RetentionPeriod.Parse(text));

    [Fact]
    public void The_default_is_ninety_days() => Assert.Equal(TimeSpan.FromDays(90), RetentionPeriod.Default);

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("90", "without a unit")]
    [InlineData("90 days", "unknown unit 'days'")]
    [InlineData("d", "is not a duration")]
    [InlineData("-5d", "is not a duration")]
    [InlineData("1.2.3d", "is not a duration")]
    [InlineData("0d", "is zero")]
    [InlineData("0h0m0s", "is zero")]
    [InlineData("99999999999y", "too long")]
    public void Bad_periods_say_what_is_wrong_and_what_was_expected(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => RetentionPeriod.Parse(text));

        Assert.Contains($"'{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("90d", error.Message, StringComparison.Ordinal);
    }
}
