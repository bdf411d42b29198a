using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Postmeter.Benchmarks.Fixture).Assembly).Run(args);
