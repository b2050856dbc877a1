using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ProjectX.Benchmarks.EndToEnd;

/// <summary>Where the pieces are: the repository, the simulator and the client programs built with this benchmark.</summary>
internal static class BenchPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration this program was built in (the clients are built with it).</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string SimulatorDll => Path.Combine(AppContext.BaseDirectory, "ProjectX.Simulator.dll");
    public static string ClientsProjectDir => Path.Combine(RepoRoot, "bench", "ProjectX.BenchClients");
    public static string ClientsDll => Path.Combine(ClientsProjectDir, "bin", Configuration, "net10.0", "ProjectX.BenchClients.dll");
    public static string NodeDir => Path.Combine(RepoRoot, "bench", "node");
    public static string Artifacts => Path.Combine(RepoRoot, "artifacts", "bench");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProjectX.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Run the benchmark from the repository (ProjectX.slnx not found above " + AppContext.BaseDirectory + ").");
    }
}

/// <summary>Runs a program to completion and returns its <c>RESULT {json}</c> line.</summary>
internal static class ChildProcess
{
    public static async Task<JsonObject> RunForResultAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? BenchPaths.RepoRoot };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', info.ArgumentList)} did not finish in {timeout.TotalSeconds:0} s.");
        }
        var output = await stdout;
        var line = output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} failed (exit {process.ExitCode}):\n{Tail(output)}\n{Tail(await stderr)}");
        return JsonNode.Parse(line["RESULT ".Length..])!.AsObject();
    }

    /// <summary>Runs a command and fails with its output when it fails (npm ci, dotnet build).</summary>
    public static async Task RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', info.ArgumentList)} failed (exit {process.ExitCode}):\n{Tail(await stdout)}\n{Tail(await stderr)}");
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}

/// <summary>The simulator in its own process (<c>dotnet ProjectX.Simulator.dll --port 0 --config file</c>), stopped on dispose.</summary>
internal sealed partial class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _config;

    private SimulatorProcess(Process process, string config, Uri api)
    {
        _process = process;
        _config = config;
        Api = api;
    }

    public Uri Api { get; }

    /// <param name="config">SimulatorOptions as JSON (see SimulatorOptions.FromJson).</param>
    public static async Task<SimulatorProcess> StartAsync(JsonObject config)
    {
        var file = Path.Combine(Path.GetTempPath(), $"projectx-bench-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, config.ToJsonString());
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { BenchPaths.SimulatorDll, "--port", "0", "--config", file })
            info.ArgumentList.Add(argument);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the simulator.");
        var seen = new StringBuilder();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                seen.AppendLine(line);
                if (RestBase().Match(line) is { Success: true } match)
                {
                    _ = process.StandardOutput.ReadToEndAsync(); // keep the pipe drained
                    _ = process.StandardError.ReadToEndAsync();
                    return new SimulatorProcess(process, file, new Uri(match.Value));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException("The simulator did not start:\n" + seen + await process.StandardError.ReadToEndAsync());
    }

    /// <summary>Options JSON: no REST rate limits, and the realtime load mode at <paramref name="loadPerSecond"/> (0 = off).</summary>
    public static JsonObject Config(int loadPerSecond) => new()
    {
        ["rateLimits"] = new JsonObject { ["enabled"] = false },
        ["realtime"] = new JsonObject { ["loadMessagesPerSecond"] = loadPerSecond, ["maxQueuedMessagesPerConnection"] = 4_000_000 },
    };

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        File.Delete(_config);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex RestBase();
}

/// <summary>The front-month contract of a symbol, from the simulator's Contract/search.</summary>
internal static class Contracts
{
    public static async Task<string> ResolveAsync(Uri api, string symbol)
    {
        var token = await BenchShared.HubText.LogInAsync(api, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var response = await http.PostAsync("/api/Contract/search",
            new StringContent(JsonSerializer.Serialize(new { searchText = symbol, live = false }), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["contracts"]!.AsArray().First(c => c!["activeContract"]!.GetValue<bool>())!["id"]!.GetValue<string>();
    }
}
