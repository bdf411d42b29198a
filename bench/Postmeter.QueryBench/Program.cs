using System.Globalization;
using Postmeter.QueryBench;

// postmeter-querybench build WORKSPACE [DELIVERIES] [DAYS] [SEED]
// postmeter-querybench measure URL TOKEN WORKSPACE [ITERATIONS] [ONLY: requests whose name contains this]
// postmeter-querybench insights WORKSPACE [ITERATIONS]
return args switch
{
    ["build", var workspace, .. var rest] => WorkspaceBuilder.Run(
        workspace,
        rest.Length > 0 ? long.Parse(rest[0], CultureInfo.InvariantCulture) : 10_000_000,
        rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 90,
        rest.Length > 2 ? int.Parse(rest[2], CultureInfo.InvariantCulture) : 1),
    ["measure", var url, var token, var workspace, .. var rest] => await QueryTimer.Run(
        new Uri(url), token, workspace, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 50, rest.Length > 1 ? rest[1] : null),
    ["insights", var workspace, .. var rest] => await InsightTimer.Run(workspace, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 20),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Postmeter.QueryBench build WORKSPACE [DELIVERIES] [DAYS] [SEED] | measure URL TOKEN WORKSPACE [ITERATIONS] [ONLY] | insights WORKSPACE [ITERATIONS]");
    return 2;
}
