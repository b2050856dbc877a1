using System.Globalization;
using ProjectX.Benchmarks.Load;

// dotnet run -c Release --project bench/ProjectX.LoadBenchmark -- [--readers 200] [--hubs 50] [--seconds 20] [--orders 20]
// ... -- cpu: only the in-process CPU cost per request.
if (args is ["cpu"])
{
    Console.WriteLine(await GatewayCpuCost.RunAsync(60_000));
    return 0;
}
var settings = LoadSettings.Parse(args);
if (settings is null)
{
    Console.Error.WriteLine("Usage: ProjectX.LoadBenchmark [--readers N] [--hubs N] [--seconds N] [--orders N]");
    return 2;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Simulator load: {settings.Readers} REST readers, {settings.Hubs} hub connections, {settings.Duration.TotalSeconds:0} s after {settings.Warmup.TotalSeconds:0} s warm-up; {Environment.ProcessorCount} cores."));
var readers = await ReaderLoad.RunAsync(settings);
Console.WriteLine();
Console.WriteLine("| scenario | requests | req/s | p50 ms | p99 ms | max ms | errors |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
Console.WriteLine(readers.ToRow($"{settings.Readers} readers + {settings.Hubs} hubs"));
var orders = await HeavyBarsIsolation.RunAsync(settings);
Console.WriteLine(orders.ToRow($"market orders while another user pulls heavy bars"));
Console.WriteLine(await GatewayCpuCost.RunAsync(60_000));
return readers.Errors + orders.Errors == 0 ? 0 : 1;
