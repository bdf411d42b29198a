using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Postmeter.Storage.Detective;

namespace Postmeter.Server.Api;

/// <summary><c>/api/v1/messages/{id}</c>: one message (or reject) of the detective in full, with its timeline and its log lines.</summary>
internal static class MessagesApi
{
    public static IEndpointRouteBuilder MapMessagesApi(this IEndpointRouteBuilder app)
    {
        var messages = app.MapGroup("/api/v1/messages").WithTags("Message Detective").ProducesProblem(StatusCodes.Status401Unauthorized);
        messages.MapGet("/{id}", Message).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A message in full with its timeline (received, attempts, expiry, notification, end), or a reject; ids come from the search.");
        messages.MapGet("/{id}/log", Log).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The log lines of a message (every queue it passed through) or a reject, in order.");
        return app;
    }

    private static Results<Ok<DetailView>, ProblemHttpResult> Message(IDetectiveQueries detective, string id) => detective.Find(id) switch
    {
        { Message: { } message } => TypedResults.Ok(new DetailView("message", DetectiveViews.Of(message), null, DetectiveViews.Timeline(message))),
        { Reject: { } reject } => TypedResults.Ok(new DetailView(
            "reject", null, DetectiveViews.Of(reject), [new TimelineEventView(reject.Time, "rejected", reject.Recipient, reject.Code, reject.Reason)])),
        _ => NotFound(id),
    };

    private static Results<Ok<LogView>, ProblemHttpResult> Log(IDetectiveQueries detective, string id)
    {
        var lines = detective.ReadLog(id);
        return lines.Count == 0 && detective.Find(id) is null ? NotFound(id) : TypedResults.Ok(new LogView(id, lines));
    }

    private static ProblemHttpResult NotFound(string id) => Problems.Status(
        StatusCodes.Status404NotFound, "No such message",
        $"'{(id.Length > 40 ? id[..40] + "…" : id)}' names no message or reject; expected an id from /api/v1/detective/search (a message still queued gets a new id once it is stored)");
}
