using Postmeter.Core.Classification;

namespace Postmeter.Core.Tests.Classification;

public sealed class ProviderGroupsTests
{
    [Theory]
    [InlineData("gmail.com", "google")]
    [InlineData("googlemail.com", "google")]
    [InlineData("outlook.com", "microsoft")]
    [InlineData("outlook.de", "microsoft")]
    [InlineData("hotmail.com", "microsoft")]
    [InlineData("hotmail.co.uk", "microsoft")]
    [InlineData("hotmail.fr", "microsoft")]
    [InlineData("hotmail.com.br", "microsoft")]
    [InlineData("live.com", "microsoft")]
    [InlineData("live.nl", "microsoft")]
    [InlineData("msn.com", "microsoft")]
    [InlineData("yahoo.com", "yahoo")]
    [InlineData("yahoo.co.jp", "yahoo")]
    [InlineData("yahoo.de", "yahoo")]
    [InlineData("ymail.com", "yahoo")]
    [InlineData("rocketmail.com", "yahoo")]
    [InlineData("aol.com", "yahoo")]
    [InlineData("sbcglobal.net", "yahoo")]
    [InlineData("icloud.com", "apple")]
    [InlineData("me.com", "apple")]
    [InlineData("mac.com", "apple")]
    [InlineData("gmx.de", "united-internet")]
    [InlineData("gmx.net", "united-internet")]
    [InlineData("gmx.at", "united-internet")]
    [InlineData("web.de", "united-internet")]
    [InlineData("t-online.de", "t-online")]
    [InlineData("orange.fr", "orange")]
    [InlineData("wanadoo.fr", "orange")]
    [InlineData("free.fr", "free")]
    [InlineData("mail.ru", "mail.ru")]
    [InlineData("bk.ru", "mail.ru")]
    [InlineData("yandex.ru", "yandex")]
    [InlineData("yandex.com", "yandex")]
    [InlineData("protonmail.com", "proton")]
    [InlineData("proton.me", "proton")]
    [InlineData("zoho.com", "zoho")]
    [InlineData("fastmail.com", "fastmail")]
    [InlineData("fastmail.fm", "fastmail")]
    public void Real_mailbox_domains_belong_to_their_provider(string domain, string group) =>
        Assert.Equal(group, ProviderGroups.Of(domain));

    [Theory]
    [InlineData("example.com")]
    [InlineData("posteo.de")]
    [InlineData("uni-heidelberg.de")]
    [InlineData("mail.gmail.com")]
    [InlineData("gmail.com.evil.example")]
    [InlineData("hotmail.evil.example")]
    [InlineData("notgmail.com")]
    [InlineData("outlook")]
    [InlineData("com")]
    [InlineData("")]
    public void Other_domains_subdomains_and_lookalikes_are_other(string domain) =>
        Assert.Equal(ProviderGroups.Other, ProviderGroups.Of(domain));

    [Theory]
    [InlineData("GMail.COM")]
    [InlineData("gmail.com.")]
    public void Case_and_a_trailing_dot_do_not_matter(string domain) => Assert.Equal("google", ProviderGroups.Of(domain));

    [Fact]
    public void An_edited_rules_file_is_honoured()
    {
        var groups = ProviderGroups.Parse(new StringReader("# ours\nacme  acme.example\nacme\tacmemail.*\n\n"), "groups.txt");

        Assert.Equal("acme", groups.GroupOf("acme.example"));
        Assert.Equal("acme", groups.GroupOf("acmemail.co.uk"));
        Assert.Equal(ProviderGroups.Other, groups.GroupOf("gmail.com"));
    }

    [Fact]
    public void An_admins_file_extends_the_shipped_rules_and_may_move_a_domain_to_another_group()
    {
        var groups = ProviderGroups.Parse(
            new StringReader("acme acme.example\nacme hotmail.*\ngoogle gmail.example\n"), "mine.txt", ProviderGroups.Default);

        Assert.Equal("acme", groups.GroupOf("acme.example"));
        Assert.Equal("google", groups.GroupOf("gmail.example"));
        Assert.Equal("google", groups.GroupOf("gmail.com"));
        Assert.Equal("acme", groups.GroupOf("hotmail.co.uk"));
        Assert.Equal("microsoft", groups.GroupOf("outlook.com"));
        Assert.Equal("microsoft", ProviderGroups.Of("hotmail.co.uk"));
    }

    [Fact]
    public void A_domain_given_two_groups_in_the_admins_own_file_is_still_reported()
    {
        var error = Assert.Throws<FormatException>(() => ProviderGroups.Parse(
            new StringReader("acme gmail.com\nother2 gmail.com\n"), "mine.txt", ProviderGroups.Default));

        Assert.Contains("mine.txt:2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("google\n", "groups.txt:1", "expected 'group domain-pattern'")]
    [InlineData("# c\ngoogle gmail.com extra\n", "groups.txt:2", "expected 'group domain-pattern'")]
    [InlineData("google gm@il.com\n", "groups.txt:1", "is not a domain pattern")]
    [InlineData("google gmail\n", "groups.txt:1", "is not a domain pattern")]
    [InlineData("google gmail.com\nyahoo gmail.com\n", "groups.txt:2", "already in group 'google'")]
    public void A_malformed_rule_is_reported_with_its_file_and_line(string text, string where, string what)
    {
        var error = Assert.Throws<FormatException>(() => ProviderGroups.Parse(new StringReader(text), "groups.txt"));

        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }
}
