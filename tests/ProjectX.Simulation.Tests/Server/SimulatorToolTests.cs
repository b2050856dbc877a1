using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ProjectX.Simulator;

namespace ProjectX.Simulation.Tests.Server;

/// <summary>
/// The simulator as users of .NET get it (issue 8 §5): packed as a .NET tool, installed with
/// <c>dotnet tool install --tool-path</c> from that package only, then run as <c>projectx-simulator</c>.
/// </summary>
public sealed partial class SimulatorToolTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly string _work = Directory.CreateTempSubdirectory("projectx-tool-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Packs_installs_and_serves_and_a_bad_argument_is_one_line_and_exit_code_2()
    {
        var tool = await InstallAsync();

        var bad = await RunToEndAsync(tool, "--port", "x");
        Assert.Equal(SimulatorCommandLine.UsageError, bad.ExitCode);
        Assert.Equal("", bad.Output);
        Assert.Equal($"{SimulatorCommandLine.ToolName}: --port must be an integer from 0 to 65535, not 'x'. Use --help for usage.", bad.Error.TrimEnd());

        var help = await RunToEndAsync(tool, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--urls", help.Output, StringComparison.Ordinal);

        using var server = Start(tool, ["--port", "0"]);
        var baseUrl = await server.UrlAsync.WaitAsync(Patience);
        using var http = new HttpClient { BaseAddress = baseUrl };
        Assert.Equal("pong", await http.GetStringAsync(new Uri("/api/Status/ping", UriKind.Relative)));
        var login = await http.PostAsync(new Uri("/api/Auth/loginKey", UriKind.Relative),
            new StringContent("""{"userName":"demo","apiKey":"demo-api-key"}""", Encoding.UTF8, "application/json"));
        Assert.Contains("\"success\":true", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Demo login", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASPNETCORE_URLS_is_honoured_and_port_overrides_it()
    {
        var tool = await InstallAsync();

        using (var fromEnvironment = Start(tool, environmentUrls: "http://127.0.0.1:0"))
            Assert.Equal("127.0.0.1", (await fromEnvironment.UrlAsync.WaitAsync(Patience)).Host);
        using var fromUrls = Start(tool, ["--urls", "http://[::1]:0"], environmentUrls: "http://127.0.0.1:1");
        var url = await fromUrls.UrlAsync.WaitAsync(Patience);
        using var http = new HttpClient();
        Assert.Equal("pong", await http.GetStringAsync(new Uri(url, "/api/Status/ping")));
    }

    private async Task<string> InstallAsync()
    {
        var version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
        var pack = Path.Combine(_work, "pack");
        var packed = await RunToEndAsync("dotnet", "pack", Path.Combine(RepoRoot(), "src", "ProjectX.Simulator", "ProjectX.Simulator.csproj"),
            "-c", Configuration(), "--no-build", "-o", pack, "-p:PackageVersion=" + version);
        Assert.True(packed.ExitCode == 0, packed.Output + packed.Error);
        // Only the package just made: a NuGet.config that clears every other source.
        var config = Path.Combine(_work, "nuget.config");
        await File.WriteAllTextAsync(config, $"""<configuration><packageSources><clear /><add key="local" value="{pack}" /></packageSources></configuration>""");
        var tools = Path.Combine(_work, "tools");
        var installed = await RunToEndAsync("dotnet", "tool", "install", "ProjectX.Simulator", "--tool-path", tools, "--configfile", config, "--add-source", pack, "--version", version);
        Assert.True(installed.ExitCode == 0, installed.Output + installed.Error);
        return Path.Combine(tools, SimulatorCommandLine.ToolName);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(string file, params string[] args)
    {
        using var process = Process.Start(StartInfo(file, args, null))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Patience);
        return (process.ExitCode, await output, await error);
    }

    private static RunningTool Start(string tool, string[]? args = null, string? environmentUrls = null) =>
        new(Process.Start(StartInfo(tool, args ?? [], environmentUrls))!);

    private static ProcessStartInfo StartInfo(string file, string[] args, string? environmentUrls)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("ASPNETCORE_URLS");
        if (environmentUrls is not null) start.Environment["ASPNETCORE_URLS"] = environmentUrls;
        return start;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProjectX.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (ProjectX.slnx) was not found above " + AppContext.BaseDirectory);
    }

    private static string Configuration() =>
        typeof(SimulatorToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>A running tool: its banner's REST base URL, and its output so far. Disposing kills it.</summary>
    private sealed partial class RunningTool : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public RunningTool(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_output) _output.AppendLine(e.Data);
                if (RestBase().Match(e.Data) is { Success: true } match) _url.TrySetResult(new Uri(match.Groups["url"].Value));
            };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
            process.EnableRaisingEvents = true;
            process.Exited += (_, _) => _url.TrySetException(new InvalidOperationException("The tool exited: " + Output));
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Task<Uri> UrlAsync => _url.Task;

        public string Output
        {
            get { lock (_output) return _output.ToString(); }
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            _process.Dispose();
        }

        [GeneratedRegex(@"REST base\s+(?<url>https?://\S+)")]
        private static partial Regex RestBase();
    }
}
