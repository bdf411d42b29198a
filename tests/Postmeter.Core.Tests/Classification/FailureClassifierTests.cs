using Postmeter.Core.Classification;

namespace Postmeter.Core.Tests.Classification;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData("5.7.1", "host gmail-smtp-in.l.google.com[142.250.1.26] said: 550-5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. To best protect our users from spam, the message has been blocked. Please visit https://support.google.com/mail/answer/188131 for more information.", "provider-block", "Google")]
    [InlineData("5.7.606", "host outlook-com.olc.protection.outlook.com[52.101.68.9] said: 550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655", "provider-block", "Microsoft")]
    [InlineData("4.7.0", "host mta6.am0.yahoodns.net[127.0.0.12] said: 451 4.7.1 [TSS04] Messages from 127.0.0.1 temporarily deferred due to unexpected volume or user complaints", "provider-block", "Yahoo")]
    [InlineData("4.2.0", "host mx01.posteo.de[127.0.0.13] said: 450 4.2.0 <a@posteo.de>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/posteo.de.html (in reply to RCPT TO command)", "greylisted", null)]
    [InlineData("5.1.1", "host mx01.mail.icloud.com[127.0.0.21] said: 550 5.1.1 <x@icloud.com>: Recipient address rejected: User unknown", "invalid-recipient", null)]
    [InlineData("5.2.2", "cannot update mailbox /var/mail/ivan for user ivan. error writing message: File too large", "mailbox-full", null)]
    [InlineData("5.4.4", "Host or domain name not found. Name service error for name=yahooo.com type=A: Host not found", "dns", null)]
    [InlineData("4.4.1", "connect to mx-ha03.web.de[127.0.0.23]:25: Connection refused", "connection", null)]
    [InlineData("5.9.9", "something nobody has seen", "other-permanent", null)]
    [InlineData(null, null, "other", null)]
    public void Real_replies_get_their_cause_and_provider(string? dsn, string? reply, string category, string? provider)
    {
        var failure = FailureClassifier.Default.Classify(dsn, reply);

        Assert.Equal(category, failure.Category);
        Assert.Equal(provider, failure.Provider);
    }

    [Fact]
    public void Needles_match_whatever_the_case_of_the_reply()
    {
        var classifier = FailureClassifier.Parse(new StringReader("blocked | Acme | 5.* | Listed By ACME && see Acme.example\n"), "rules.txt");

        Assert.Equal(new FailureClass("blocked", "Acme"), classifier.Classify("5.7.1", "550 you are LISTED BY acme, see ACME.EXAMPLE/why"));
        Assert.Equal(new FailureClass("other", null), classifier.Classify("4.7.1", "listed by acme, see acme.example"));
    }

    [Fact]
    public void A_malformed_rule_is_reported_with_its_file_and_line()
    {
        var error = Assert.Throws<FormatException>(() =>
            FailureClassifier.Parse(new StringReader("# comment\n\nblocked | Acme | 5.*\n"), "my-rules.txt"));

        Assert.Contains("my-rules.txt:3", error.Message, StringComparison.Ordinal);
        Assert.Contains("category | provider | dsn | text", error.Message, StringComparison.Ordinal);
    }
}
