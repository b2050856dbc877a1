namespace ProjectX.HelpGen;

/// <summary>A doc file that does not follow the platyPS structure. Carries the file and 1-based line for the build error.</summary>
public sealed class HelpDocFormatException(string file, int line, string message) : Exception(message)
{
    public string File { get; } = file;

    public int Line { get; } = line;

    /// <summary>MSBuild's canonical error format, so the build (and IDEs) show it against the file and line.</summary>
    public string ToMSBuildError() => $"{File}({Line}): error PXHELP001: {Message}";
}
