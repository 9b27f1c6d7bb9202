using BenchmarkDotNet.Running;

// Run one benchmark class with: dotnet run -c Release --project bench/ChatKit.Benchmarks -- --filter '*ClassName*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
