using Postmeter.KillHost;
using Postmeter.Server.Cli;

// POSTMETER_TEST_KILL=stage:N (line, source, before-commit, during-commit, after-commit) kills the process when the
// import reaches the Nth such stage; unset, this is postmeter itself.
var killAt = KillAt.Parse(Environment.GetEnvironmentVariable(KillAt.Variable));
return PostmeterCli.Run(args, Console.Out, Console.Error, killAt is null ? null : new KillingObserver(killAt.Value));
