using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace ProjectX.PowerShell.Tests.Support;

/// <summary>
/// A PSHost that records what PowerShell shows the user: the "What if:" lines of -WhatIf (written to the host,
/// not to any stream) and the confirmation prompts, which it answers with <see cref="PromptAnswer"/>.
/// </summary>
internal sealed class RecordingHost : PSHost
{
    private readonly RecordingUserInterface _ui = new();

    public override string Name => "ProjectX.Tests";
    public override Version Version { get; } = new(1, 0);
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    /// <summary>Every line written to the host, in order.</summary>
    public IReadOnlyList<string> Lines => [.. _ui.Lines];

    /// <summary>The "What if: ..." lines only.</summary>
    public IReadOnlyList<string> WhatIfLines => Lines.Where(l => l.StartsWith("What if:", StringComparison.Ordinal)).ToList();

    /// <summary>Confirmation prompts as "caption | message".</summary>
    public IReadOnlyList<string> Prompts => [.. _ui.Prompts];

    /// <summary>The label (without '&amp;') of the choice every prompt gets, e.g. "Yes", "No", "Yes to All".</summary>
    public string PromptAnswer { get => _ui.Answer; set => _ui.Answer = value; }

    public void Clear() => _ui.Clear();

    public override void SetShouldExit(int exitCode) { }
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }

    private sealed class RecordingUserInterface : PSHostUserInterface
    {
        private readonly StringWriter _partial = new();

        public ConcurrentQueue<string> Lines { get; private set; } = new();
        public ConcurrentQueue<string> Prompts { get; private set; } = new();
        public string Answer { get; set; } = "No";

        public void Clear()
        {
            Lines = new();
            Prompts = new();
        }

        public override PSHostRawUserInterface? RawUI => null;

        public override void Write(string value) => _partial.Write(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _partial.Write(value);

        public override void WriteLine(string value)
        {
            _partial.Write(value);
            var line = _partial.ToString();
            _partial.GetStringBuilder().Clear();
            Lines.Enqueue(line);
        }

        public override void WriteErrorLine(string value) => Lines.Enqueue("ERROR: " + value);
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override void WriteInformation(InformationRecord record) { }

        public override string ReadLine() => throw new NotSupportedException("The test host cannot read input.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The test host cannot read input.");

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
            => throw new NotSupportedException("The test host cannot prompt for fields.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName)
            => throw new NotSupportedException("The test host cannot prompt for credentials.");

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
            => throw new NotSupportedException("The test host cannot prompt for credentials.");

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Enqueue($"{caption} | {message}");
            for (var i = 0; i < choices.Count; i++)
            {
                if (string.Equals(choices[i].Label.Replace("&", "", StringComparison.Ordinal), Answer, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            throw new InvalidOperationException($"No choice '{Answer}' in: {string.Join(", ", choices.Select(c => c.Label))}");
        }
    }
}
