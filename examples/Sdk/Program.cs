using ProjectX.Examples.Sdk;

// dotnet run --project examples/Sdk -- [ten-lines|concurrent|orders|realtime|suite|monitor|all] [url]
// Without a URL each example runs against a fresh in-process simulator; with one (e.g. http://127.0.0.1:5000 from
// ProjectX.Simulator) it connects there with PROJECTX_USERNAME / PROJECTX_API_KEY (the simulator's demo login when unset).
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

var name = args.Length > 0 ? args[0] : "all";
Uri? url = args.Length > 1 ? new Uri(args[1]) : null;
try
{
    foreach (var example in name == "all" ? SdkExamples.Names : [name])
        await SdkExamples.RunAsync(example, Console.Out, url, cts.Token);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 64;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("Stopped.");
    return 130;
}
