using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Postmeter.Server.Api;

/// <summary>Errors as RFC 9457 problem details: what was wrong and what was expected.</summary>
internal static class Problems
{
    /// <summary>422 naming each field that was wrong.</summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) => TypedResults.Problem(new HttpValidationProblemDetails(errors)
    {
        Status = StatusCodes.Status422UnprocessableEntity,
        Title = "Invalid fields",
        Detail = string.Join("; ", errors.SelectMany(e => e.Value)),
    });

    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
