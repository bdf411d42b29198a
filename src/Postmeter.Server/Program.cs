using Postmeter.Server.Cli;

return PostmeterCli.Run(args, Console.Out, Console.Error);
