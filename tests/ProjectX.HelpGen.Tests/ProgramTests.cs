using System.Diagnostics;

namespace ProjectX.HelpGen.Tests;

/// <summary>The tool as the build runs it (dotnet exec): exit code and MSBuild-format errors on standard output.</summary>
public sealed class ProgramTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("helpgen-program-").FullName;

    [Fact]
    public async Task Malformed_doc_exits_1_with_an_msbuild_error_naming_file_and_line()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
        var text = SampleDocs.Cmdlet.Replace("Position: 0", "Position: first", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(docs, "Get-Widget.md"), text);
        var line = text[..text.IndexOf("Position: first", StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var (exitCode, output) = await RunAsync(docs, Path.Combine(_root, "out"));

        Assert.Equal(1, exitCode);
        Assert.Contains($"{Path.Combine(docs, "Get-Widget.md")}({line}): error PXHELP001: Parameter -Name: 'Position: first' must be Named or a number.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_docs_exit_0_and_write_the_help_file()
    {
        var docs = Directory.CreateDirectory(Path.Combine(_root, "docs")).FullName;
        File.WriteAllText(Path.Combine(docs, "Get-Widget.md"), SampleDocs.Cmdlet);

        var (exitCode, output) = await RunAsync(docs, Path.Combine(_root, "out"));

        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(Path.Combine(_root, "out", "ProjectX.PowerShell.dll-Help.xml")));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ProjectX.HelpGen.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
