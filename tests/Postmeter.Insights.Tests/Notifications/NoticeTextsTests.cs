using Postmeter.Insights.Notifications;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Tests.Notifications;

public sealed class NoticeTextsTests
{
    [Fact]
    public void Every_type_has_a_title_and_a_text_in_every_language()
    {
        var english = NoticeTexts.Types("en").Order().ToList();
        Assert.Contains("high_bounce_rate", english);
        foreach (var language in NoticeTexts.Languages)
        {
            Assert.Equal(english, NoticeTexts.Types(language).Order());
        }
    }

    [Fact]
    public void A_subject_that_changes_the_sentence_has_its_own_text()
    {
        var insight = new Insight(3, "mail_inactivity", "outbound", "local", "bad", DateTime.UnixEpoch, DateTime.UnixEpoch, null, false, false, null,
            """{"direction":"outbound","since":"2026-12-06T08:00:00Z","hours":25,"threshold":24}""");

        var notice = NoticeTexts.For(insight, "de", new Uri("https://pm.example.com/"));

        Assert.Equal("Seit 2026-12-06 08:00 UTC ist keine Mail hinausgegangen (25 Stunden).", notice.Text);
        Assert.Equal(new Uri("https://pm.example.com/insights/3"), notice.Link);
    }

    [Fact]
    public void Placeholders_take_the_content_times_in_UTC_and_lists_of_counted_keys()
    {
        var insight = new Insight(7, "smtp_auth_attack", "", "intel", "bad", DateTime.UnixEpoch, DateTime.UnixEpoch, null, false, false, null,
            """{"failures":40,"clients":[{"key":"203.0.113.9","count":25}],"usernames":[],"threshold":20,"interval":{"from":"2026-12-07T08:00:00Z","to":"2026-12-07T09:00:00Z"}}""");

        var notice = NoticeTexts.For(insight, "xx", null);

        Assert.Equal("SMTP AUTH attack", notice.Title);
        Assert.Equal("40 failed logins between 2026-12-07 08:00 UTC and 2026-12-07 09:00 UTC. Client addresses: 203.0.113.9 (25). Usernames: -.", notice.Text);
        Assert.Null(notice.Link);
    }
}
