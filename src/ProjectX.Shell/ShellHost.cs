using System.Globalization;
using System.Management.Automation.Host;

namespace ProjectX.Shell;

/// <summary>A non-interactive PowerShell host: console output, no prompts, and it remembers <c>exit N</c>.</summary>
internal sealed class ShellHost : PSHost
{
    private readonly ShellHostUserInterface _ui;

    public ShellHost(TextWriter output, TextWriter error, bool plainText)
    {
        _ui = new ShellHostUserInterface(output, error, plainText);
    }

    /// <summary>The code a script asked to exit with, if it did.</summary>
    public int? ExitCode { get; private set; }

    public override string Name => "ProjectX.Shell";
    public override Version Version { get; } = typeof(ShellHost).Assembly.GetName().Version ?? new Version(0, 1);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

    public override void EnterNestedPrompt() => throw ShellHostUserInterface.NonInteractive("enter a nested prompt");
    public override void ExitNestedPrompt() => throw ShellHostUserInterface.NonInteractive("exit a nested prompt");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}
