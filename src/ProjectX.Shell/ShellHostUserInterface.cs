using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ProjectX.Shell;

/// <summary>
/// Console output for the shell: output, verbose, warning and debug to stdout, errors to stderr, progress
/// not shown (a log file is no place for progress bars). Anything that would wait for a person throws:
/// scheduled jobs and CI must fail fast instead of hanging.
/// </summary>
internal sealed partial class ShellHostUserInterface : PSHostUserInterface
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly ShellRawUserInterface _rawUI = new();

    private readonly bool _plainText;

    public ShellHostUserInterface(TextWriter output, TextWriter error, bool plainText)
    {
        _output = output;
        _error = error;
        _plainText = plainText;
    }

    public override PSHostRawUserInterface RawUI => _rawUI;

    /// <summary>False for files and pipes: the formatter's colour sequences are stripped there.</summary>
    public override bool SupportsVirtualTerminal => !_plainText;

    public override void Write(string value) => _output.Write(Render(value));
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _output.Write(Render(value));
    public override void WriteLine(string value) => _output.WriteLine(Render(value));
    public override void WriteErrorLine(string value) => _error.WriteLine(Render(value));
    public override void WriteVerboseLine(string message) => _output.WriteLine("VERBOSE: " + Render(message));
    public override void WriteWarningLine(string message) => _output.WriteLine("WARNING: " + Render(message));
    public override void WriteDebugLine(string message) => _output.WriteLine("DEBUG: " + Render(message));
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteInformation(InformationRecord record) => _output.WriteLine(Render(record.MessageData?.ToString() ?? ""));

    public override string ReadLine() => throw NonInteractive("read input");
    public override SecureString ReadLineAsSecureString() => throw NonInteractive("read a secret");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        => throw NonInteractive($"prompt for {string.Join(", ", descriptions.Select(d => d.Name))}");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
        => throw NonInteractive("prompt for a credential");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        => throw NonInteractive("prompt for a credential");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        => throw NonInteractive($"ask '{message}'");

    private string Render(string value) => _plainText && value.Contains('\u001b', StringComparison.Ordinal) ? AnsiSequence().Replace(value, "") : value;

    [System.Text.RegularExpressions.GeneratedRegex(@"\u001b\[[0-9;?]*[ -/]*[@-~]")]
    private static partial System.Text.RegularExpressions.Regex AnsiSequence();

    internal static PSInvalidOperationException NonInteractive(string what)
        => new($"ProjectX.Shell is non-interactive and cannot {what}. Pass every value as a parameter (for example -Confirm:$false or -Credential).");
}
