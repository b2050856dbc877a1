namespace RealtimeBracket;

/// <summary>
/// <c>dotnet run --project examples/RealtimeBracket [url] [--symbol MNQ] [--seconds 300]</c>. Without a URL it runs
/// against the simulator in-process; with one (e.g. <c>http://127.0.0.1:5000</c> from <c>ProjectX.Simulator</c>) it
/// connects there with PROJECTX_USERNAME / PROJECTX_API_KEY (the simulator's demo login when unset).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        try
        {
            return await BracketDemo.RunAsync(args, Console.Out, cts.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("Stopped.");
            return 130;
        }
    }
}
