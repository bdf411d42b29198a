using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Postmeter.Server.Accounts;

namespace Postmeter.Server.Api;

/// <summary>
/// Refuses a state-changing request from a browser unless it sends back the CSRF token of <c>GET /api/v1/auth/csrf</c>
/// in <c>X-CSRF-Token</c> (403). A request signed by an API token carries no ambient credential, so it needs none.
/// </summary>
internal sealed class CsrfCheck(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // Exempt only a request an API token actually signed in: a bearer header alone (even a bogus one) exempts nothing.
        var signedByToken = http.User.FindFirst(AuthenticationSetup.KindClaim)?.Value == "token";
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && !signedByToken)
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(
                    $"missing or wrong {AuthenticationSetup.CsrfHeader} header; expected the token of GET /api/v1/auth/csrf (a new one after signing in or out)",
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "CSRF check failed");
            }
        }

        return await next(context);
    }
}
