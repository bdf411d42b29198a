using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Postmeter.Storage.Insights;

namespace Postmeter.Insights.Notifications;

/// <summary>
/// What a notification says about an insight, in English, German or Brazilian Portuguese: a title and a text per type,
/// (or per type and subject, <c>type:subject</c>, where the subject changes the sentence), whose <c>{placeholders}</c> are fields of the insight's content (<c>{interval.from}</c> reaches into an object; times
/// are written in UTC, lists of counted keys as <c>key (count)</c>).
/// </summary>
public static partial class NoticeTexts
{
    public static readonly string[] Languages = ["en", "de", "pt_BR"];

    private static readonly Dictionary<string, Dictionary<string, (string Title, string Text)>> Catalog = new(StringComparer.Ordinal)
    {
        ["en"] = new(StringComparer.Ordinal)
        {
            ["high_bounce_rate"] = ("High bounce rate", "{rate} % of outbound recipients bounced ({bounced} of {total}) between {interval.from} and {interval.to}; the threshold is {threshold} %."),
            ["mail_inactivity"] = ("Mail stopped flowing", "No {direction} mail since {since} ({hours} hours)."),
            ["mail_inactivity:outbound"] = ("Mail stopped going out", "No mail went out since {since} ({hours} hours)."),
            ["mail_inactivity:inbound"] = ("Mail stopped coming in", "No mail came in since {since} ({hours} hours)."),
            ["blocked_by_provider"] = ("Blocked by {provider}", "{provider} refused {failures} delivery attempts with a block reply between {interval.from} and {interval.to}: {reply}"),
            ["provider_deferral_spike"] = ("{provider} is deferring mail", "{deferrals} deferral attempts for {recipients} recipients at {provider} between {interval.from} and {interval.to}: {reply}"),
            ["reject_spike"] = ("Spike in rejected mail", "{rejects} connections or recipients were refused between {interval.from} and {interval.to}, against {baseline} an hour the day before."),
            ["smtp_auth_attack"] = ("SMTP AUTH attack", "{failures} failed logins between {interval.from} and {interval.to}. Client addresses: {clients}. Usernames: {usernames}."),
            ["dnsbl_listed"] = ("{address} is on a blocklist", "The mail server's address {address} is listed by {listed}."),
            ["deferred_backlog"] = ("Mail is piling up in the queue", "{waiting} messages have waited in the queue for more than {hours} hours (the oldest since {oldest}); {queued} are queued."),
            ["welcome"] = ("Welcome to Postmeter", "Postmeter now watches your mail and tells you here when something goes wrong."),
            ["import_summary"] = ("Your mail history was analysed", "The logs from {interval.from} to {interval.to} were read: {insights} insights found, archived."),
            ["detective_escalation"] = ("A user asks about mail that was not delivered", "{requester} escalated a search in the Message Detective: {terms}. {results_count} messages were not delivered."),
            ["test"] = ("Test notification", "Postmeter can reach this channel."),
        },
        ["de"] = new(StringComparer.Ordinal)
        {
            ["high_bounce_rate"] = ("Hohe Bounce-Rate", "{rate} % der ausgehenden Empfänger wurden zwischen {interval.from} und {interval.to} abgewiesen ({bounced} von {total}); der Schwellenwert ist {threshold} %."),
            ["mail_inactivity"] = ("Der Mailverkehr ist zum Stillstand gekommen", "Keine Mail ({direction}) seit {since} ({hours} Stunden)."),
            ["mail_inactivity:outbound"] = ("Es geht keine Mail mehr hinaus", "Seit {since} ist keine Mail hinausgegangen ({hours} Stunden)."),
            ["mail_inactivity:inbound"] = ("Es kommt keine Mail mehr an", "Seit {since} ist keine Mail eingegangen ({hours} Stunden)."),
            ["blocked_by_provider"] = ("Von {provider} blockiert", "{provider} hat zwischen {interval.from} und {interval.to} {failures} Zustellversuche mit einer Sperrmeldung abgelehnt: {reply}"),
            ["provider_deferral_spike"] = ("{provider} stellt Mail zurück", "{deferrals} Zustellversuche für {recipients} Empfänger bei {provider} wurden zwischen {interval.from} und {interval.to} zurückgestellt: {reply}"),
            ["reject_spike"] = ("Sprunghaft mehr abgelehnte Mail", "Zwischen {interval.from} und {interval.to} wurden {rejects} Verbindungen oder Empfänger abgelehnt, gegenüber {baseline} pro Stunde am Vortag."),
            ["smtp_auth_attack"] = ("SMTP-AUTH-Angriff", "{failures} fehlgeschlagene Anmeldungen zwischen {interval.from} und {interval.to}. Client-Adressen: {clients}. Benutzernamen: {usernames}."),
            ["dnsbl_listed"] = ("{address} steht auf einer Sperrliste", "Die Adresse des Mailservers {address} wird gelistet von {listed}."),
            ["deferred_backlog"] = ("Mail staut sich in der Warteschlange", "{waiting} Nachrichten warten seit mehr als {hours} Stunden (die älteste seit {oldest}); {queued} sind in der Warteschlange."),
            ["welcome"] = ("Willkommen bei Postmeter", "Postmeter beobachtet jetzt Ihre Mail und sagt Ihnen hier, wenn etwas schiefgeht."),
            ["import_summary"] = ("Ihr Mailverlauf wurde ausgewertet", "Die Logs von {interval.from} bis {interval.to} wurden gelesen: {insights} Insights gefunden und archiviert."),
            ["detective_escalation"] = ("Anfrage zu nicht zugestellter Mail", "{requester} hat eine Suche im Message Detective eskaliert: {terms}. {results_count} Nachrichten wurden nicht zugestellt."),
            ["test"] = ("Testbenachrichtigung", "Postmeter erreicht diesen Kanal."),
        },
        ["pt_BR"] = new(StringComparer.Ordinal)
        {
            ["high_bounce_rate"] = ("Taxa de rejeição alta", "{rate} % dos destinatários de saída foram rejeitados ({bounced} de {total}) entre {interval.from} e {interval.to}; o limite é {threshold} %."),
            ["mail_inactivity"] = ("O fluxo de e-mails parou", "Nenhum e-mail ({direction}) desde {since} ({hours} horas)."),
            ["mail_inactivity:outbound"] = ("Os e-mails pararam de sair", "Nenhum e-mail saiu desde {since} ({hours} horas)."),
            ["mail_inactivity:inbound"] = ("Os e-mails pararam de chegar", "Nenhum e-mail chegou desde {since} ({hours} horas)."),
            ["blocked_by_provider"] = ("Bloqueado por {provider}", "{provider} recusou {failures} tentativas de entrega com uma resposta de bloqueio entre {interval.from} e {interval.to}: {reply}"),
            ["provider_deferral_spike"] = ("{provider} está adiando e-mails", "{deferrals} tentativas adiadas para {recipients} destinatários em {provider} entre {interval.from} e {interval.to}: {reply}"),
            ["reject_spike"] = ("Pico de e-mails recusados", "{rejects} conexões ou destinatários foram recusados entre {interval.from} e {interval.to}, contra {baseline} por hora no dia anterior."),
            ["smtp_auth_attack"] = ("Ataque de SMTP AUTH", "{failures} logins falharam entre {interval.from} e {interval.to}. Endereços de clientes: {clients}. Usuários: {usernames}."),
            ["dnsbl_listed"] = ("{address} está em uma lista de bloqueio", "O endereço do servidor de e-mail {address} está listado por {listed}."),
            ["deferred_backlog"] = ("E-mails acumulando na fila", "{waiting} mensagens aguardam na fila há mais de {hours} horas (a mais antiga desde {oldest}); {queued} estão na fila."),
            ["welcome"] = ("Bem-vindo ao Postmeter", "O Postmeter agora observa seus e-mails e avisa aqui quando algo dá errado."),
            ["import_summary"] = ("Seu histórico de e-mails foi analisado", "Os logs de {interval.from} a {interval.to} foram lidos: {insights} insights encontrados e arquivados."),
            ["detective_escalation"] = ("Um usuário pergunta sobre um e-mail não entregue", "{requester} escalou uma busca no Message Detective: {terms}. {results_count} mensagens não foram entregues."),
            ["test"] = ("Notificação de teste", "O Postmeter consegue alcançar este canal."),
        },
    };

    /// <summary>The notice of an insight in <paramref name="language"/> (English when it is not offered), linked to the insight when <paramref name="publicUrl"/> is set.</summary>
    public static Notice For(Insight insight, string language, Uri? publicUrl)
    {
        ArgumentNullException.ThrowIfNull(insight);
        var catalog = Catalog.GetValueOrDefault(language) ?? Catalog["en"];
        var (title, text) = catalog.TryGetValue($"{insight.Type}:{insight.Subject}", out var specific) ? specific
            : catalog.TryGetValue(insight.Type, out var known) ? known : (insight.Type.Replace('_', ' '), string.Empty);
        using var content = JsonDocument.Parse(insight.Content);
        var link = publicUrl is null ? null : new Uri(publicUrl, $"insights/{insight.Id}");
        return new Notice(insight.Id, insight.Type, insight.Category, insight.Rating, insight.Time, Fill(title, content.RootElement), Fill(text, content.RootElement), link);
    }

    /// <summary>Whether every type has a title and a text in every language (checked by the tests).</summary>
    public static IReadOnlyCollection<string> Types(string language) => Catalog[language].Keys;

    private static string Fill(string template, JsonElement content) =>
        Placeholder().Replace(template, match => Value(content, match.Groups[1].Value));

    private static string Value(JsonElement content, string path)
    {
        if (path == "results_count")
        {
            return content.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array ? results.GetArrayLength().ToString(CultureInfo.InvariantCulture) : "0";
        }

        var element = content;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return "?";
            }
        }

        return Written(element);
    }

    private static string Written(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when element.TryGetDateTime(out var time) && element.GetString()!.EndsWith('Z') => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        JsonValueKind.String => element.GetString()!,
        JsonValueKind.Number => element.GetRawText(),
        JsonValueKind.Array => element.GetArrayLength() == 0 ? "-" : string.Join(", ", element.EnumerateArray().Select(Item)),
        JsonValueKind.Object => string.Join(", ", element.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number).Select(p => $"{p.Name} {Written(p.Value)}")),
        _ => "-",
    };

    private static string Item(JsonElement item) => item.ValueKind != JsonValueKind.Object
        ? Written(item)
        : item.TryGetProperty("key", out var key) && item.TryGetProperty("count", out var count)
            ? $"{key.GetString()} ({count.GetRawText()})"
            : item.TryGetProperty("zone", out var zone) ? zone.GetString()! : Written(item);

    [GeneratedRegex(@"\{([a-z_.]+)\}")]
    private static partial Regex Placeholder();
}
