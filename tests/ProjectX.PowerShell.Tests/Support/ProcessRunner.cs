using System.Diagnostics;

namespace ProjectX.PowerShell.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>
/// Runs the built ProjectX.Shell as a separate process and collects its output. The child gets no console input
/// and none of the ProjectX variables of this test process (other tests set them process-wide), only the ones given.
/// </summary>
internal static class ProcessRunner
{
    // Generous: two quickstarts in one process take about 25 s alone, and a loaded CI machine is several times slower.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);
    private static readonly string[] InheritedPrefixes = ["PROJECTX_", "PROJECT_X_", "PX_TEST_"];

    public static Task<ProcessResult> RunShellAsync(params string[] arguments) => RunShellAsync(null, arguments);

    public static async Task<ProcessResult> RunShellAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
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
        foreach (var name in start.Environment.Keys.Where(k => InheritedPrefixes.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(RepoPaths.ShellDll);
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
            throw new TimeoutException($"ProjectX.Shell did not exit within {Timeout}: {string.Join(' ', arguments)}");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}
