using System.Diagnostics;
using ProjectX.PowerShell.Tests.Support;

namespace ProjectX.PowerShell.Tests.Examples;

/// <summary>
/// Runs an examples/*.ps1 script in the built ProjectX.Shell as a separate process, the way a scheduler would:
/// no console input, and only the ProjectX environment variables the test gives (inherited ones are removed).
/// </summary>
internal static class ExampleScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static string PathOf(string name) => Path.Combine(RepoPaths.Root, "examples", name);

    public static async Task<ProcessResult> RunAsync(string script, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.True(File.Exists(RepoPaths.ShellDll), $"ProjectX.Shell is not built: {RepoPaths.ShellDll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PROJECTX_", StringComparison.OrdinalIgnoreCase) || k.StartsWith("PROJECT_X_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(RepoPaths.ShellDll);
        start.ArgumentList.Add("-File");
        start.ArgumentList.Add(PathOf(script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not exit within {Timeout}.");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The environment a scheduled job would have for the simulator process at <paramref name="apiUrl"/>.</summary>
    public static Dictionary<string, string> GatewayEnvironment(Uri apiUrl, string apiKey = OutOfProcessSimulator.DemoApiKey)
    {
        var root = apiUrl.ToString().TrimEnd('/');
        return new()
        {
            ["PROJECTX_USERNAME"] = OutOfProcessSimulator.DemoUserName,
            ["PROJECTX_API_KEY"] = apiKey,
            ["PROJECTX_ACCOUNT"] = ScriptsSimulator.AccountName,
            ["PROJECTX_API_URL"] = root,
            ["PROJECTX_USER_HUB_URL"] = root + "/hubs/user",
            ["PROJECTX_MARKET_HUB_URL"] = root + "/hubs/market",
        };
    }
}
