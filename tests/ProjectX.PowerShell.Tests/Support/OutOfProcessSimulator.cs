using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ProjectX.PowerShell.Tests.Support;

/// <summary>
/// The simulator host as a separate process on a real loopback socket (<c>--port 0</c>); the module talks
/// to it over real HTTP. Started once per test class that uses it.
/// </summary>
public sealed partial class OutOfProcessSimulator : IAsyncLifetime
{
    // The simulator's public demo login (SimulatorOptions.DemoUserName/DemoApiKey; not referenced, see the csproj).
    public const string DemoUserName = "demo";
    public const string DemoApiKey = "demo-api-key";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _log = new();
    private readonly string? _configJson;
    private string? _configPath;
    private Process? _process;

    public OutOfProcessSimulator()
    {
    }

    /// <summary>A simulator started with <c>--config</c> (SimulatorOptions as JSON).</summary>
    internal OutOfProcessSimulator(string configJson)
    {
        _configJson = configJson;
    }

    public Uri ApiUrl { get; private set; } = null!;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(RepoPaths.SimulatorDll), $"The simulator host is not built: {RepoPaths.SimulatorDll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepoPaths.SimulatorDll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        if (_configJson is not null)
        {
            _configPath = Path.Combine(Path.GetTempPath(), $"projectx-sim-{Guid.NewGuid():N}.json");
            await File.WriteAllTextAsync(_configPath, _configJson);
            start.ArgumentList.Add("--config");
            start.ArgumentList.Add(_configPath);
        }

        var url = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, url);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, null);
        _process.Exited += (_, _) => url.TrySetException(new InvalidOperationException("The simulator exited before printing its URL:\n" + Log));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        ApiUrl = await url.Task.WaitAsync(StartTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (_configPath is not null)
        {
            File.Delete(_configPath);
        }
    }

    private void OnLine(string? line, TaskCompletionSource<Uri>? url)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        // Program.cs prints "  REST base   http://127.0.0.1:<port>   (POST ...)".
        if (url is not null && RestBaseLine().Match(line) is { Success: true } match)
        {
            url.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"REST base\s+(?<url>https?://\S+)")]
    private static partial Regex RestBaseLine();
}
