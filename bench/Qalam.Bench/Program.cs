using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Qalam.Bench -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Qalam.Bench.CrawlerBenchmarks).Assembly).Run(args);
