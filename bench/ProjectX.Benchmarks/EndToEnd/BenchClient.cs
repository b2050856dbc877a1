using System.Text.Json.Nodes;

namespace ProjectX.Benchmarks.EndToEnd;

/// <summary>
/// One client program of the end-to-end benchmarks, run in its own process per measurement: a kind of the .NET client
/// program (suite, bare, floor, gateway) of this build or of the baseline's, or the Node script (no kind).
/// </summary>
internal sealed record BenchClient(string Label, string FileName, IReadOnlyList<string> Prefix, string? Kind)
{
    public Task<JsonObject> RunAsync(string mode, IEnumerable<string> arguments, TimeSpan timeout) =>
        ChildProcess.RunForResultAsync(FileName, [.. Prefix, mode, .. Kind is null ? Array.Empty<string>() : [Kind], .. arguments], timeout);

    public static BenchClient DotNet(string kind, string dll, string? label = null) => new(label ?? kind, "dotnet", [dll], kind);

    public static BenchClient Node() => new("node", "node", [Path.Combine(BenchPaths.NodeDir, "market-client.mjs")], null);

    /// <summary>The clients in an order that differs each run, so none always runs first or right after another.</summary>
    public static IEnumerable<T> Rotate<T>(IReadOnlyList<T> clients, int run) =>
        clients.Skip((run - 1) % clients.Count).Concat(clients.Take((run - 1) % clients.Count));
}

/// <summary>Which clients to run, and the "before" build of the SDK's clients when asked for one.</summary>
internal static class BenchClients
{
    /// <summary>The market-feed clients: floor, Node (when installed), bare HubConnection, suite, and the baseline's suite.</summary>
    public static async Task<List<BenchClient>> MarketAsync(string? baseline)
    {
        var clients = new List<BenchClient> { BenchClient.DotNet("floor", BenchPaths.ClientsDll) };
        if (await EnsureNodeAsync())
            clients.Add(BenchClient.Node());
        clients.Add(BenchClient.DotNet("bare", BenchPaths.ClientsDll));
        clients.Add(BenchClient.DotNet("suite", BenchPaths.ClientsDll));
        if (baseline is not null)
            clients.Add(BenchClient.DotNet("suite", await BuildBaselineAsync(baseline), "suite (before)"));
        return clients;
    }

    /// <summary>Installs Node's @microsoft/signalr (bench/node, npm ci) when it is missing; false when there is no Node.</summary>
    public static async Task<bool> EnsureNodeAsync()
    {
        try
        {
            await ChildProcess.RunAsync("node", ["--version"], BenchPaths.NodeDir);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Console.WriteLine("> Node.js not found: the Node client is skipped.");
            return false;
        }
        if (!Directory.Exists(Path.Combine(BenchPaths.NodeDir, "node_modules", "@microsoft", "signalr")))
        {
            Console.WriteLine("> npm ci in bench/node (Node's @microsoft/signalr) ...");
            await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], BenchPaths.NodeDir);
        }
        return true;
    }

    /// <summary>
    /// Builds this benchmark's client program against the ProjectX.Client of another checkout (the "before"), in
    /// artifacts/bench/baseline, and returns its dll. The clients use only public API, so one source serves both.
    /// </summary>
    public static async Task<string> BuildBaselineAsync(string baselineRoot)
    {
        var clientProject = Path.Combine(Path.GetFullPath(baselineRoot), "src", "ProjectX.Client", "ProjectX.Client.csproj");
        if (!File.Exists(clientProject))
            throw new FileNotFoundException("The baseline has no src/ProjectX.Client/ProjectX.Client.csproj.", clientProject);
        var copy = Path.Combine(BenchPaths.Artifacts, "baseline", "ProjectX.BenchClients");
        if (Directory.Exists(copy))
            Directory.Delete(copy, recursive: true);
        foreach (var file in Directory.EnumerateFiles(BenchPaths.ClientsProjectDir, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(BenchPaths.ClientsProjectDir, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(copy, relative))!);
            File.Copy(file, Path.Combine(copy, relative));
        }
        Console.WriteLine($"> building the benchmark clients against {clientProject} ...");
        await ChildProcess.RunAsync("dotnet", ["build", Path.Combine(copy, "ProjectX.BenchClients.csproj"), "-c", BenchPaths.Configuration, $"-p:ProjectXClientProject={clientProject}"], copy);
        return Path.Combine(copy, "bin", BenchPaths.Configuration, "net10.0", "ProjectX.BenchClients.dll");
    }
}

/// <summary>Median and range of repeated measurements.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>"median [min–max]" with <paramref name="format"/>; "–" when nothing was measured (Node reports no allocations).</summary>
    public static string Range(IReadOnlyList<double> values, string format)
    {
        var measured = values.Where(v => !double.IsNaN(v)).ToList();
        string F(double v) => v.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        return measured.Count switch
        {
            0 => "–",
            1 => F(measured[0]),
            _ => $"{F(Median(measured))} [{F(measured.Min())}–{F(measured.Max())}]",
        };
    }
}
