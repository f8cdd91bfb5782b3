using BenchmarkDotNet.Running;
using OrleansFeed.Benchmarks;

#if DEBUG
// Debug: run every benchmark once as a smoke test (no measurements).
SmokeRunner.RunAll(typeof(SmokeRunner).Assembly);
#else
BenchmarkSwitcher.FromAssembly(typeof(SmokeRunner).Assembly).Run(args);
#endif
