using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// In process and short: the machines are small and shared, and the figures that matter are differences measured in
// the same run. Times in nanoseconds without units in the CSV, so bench/run.sh can read them.
var style = SummaryStyle.Default.WithTimeUnit(TimeUnit.Nanosecond);
var config = ManualConfig.CreateEmpty()
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .AddColumnProvider(DefaultColumnProviders.Instance)
    .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
    .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
    .AddExporter(new CsvExporter(CsvSeparator.Comma, style.WithTimeUnit(TimeUnit.Nanosecond)), MarkdownExporter.GitHub)
    .WithSummaryStyle(style)
    .WithArtifactsPath(Environment.GetEnvironmentVariable("BENCH_ARTIFACTS") ?? Path.Combine(Path.GetTempPath(), "repitbot-bench-micro"));

BenchmarkSwitcher.FromAssembly(typeof(RepitBot.Bench.Micro.JwtValidationBenchmarks).Assembly).Run(args, config);
