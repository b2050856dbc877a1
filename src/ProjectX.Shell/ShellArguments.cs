namespace ProjectX.Shell;

/// <summary>The command line: <c>-File script.ps1 [args...]</c> or <c>-Command "text"</c>, with an optional <c>-Module path</c>.</summary>
internal sealed record ShellArguments(string? File, string? Command, IReadOnlyList<string> ScriptArguments, string? ModulePath)
{
    public const string Usage =
        "Usage: ProjectX.Shell [-Module <path>] -File <script.ps1> [arguments...]\n" +
        "       ProjectX.Shell [-Module <path>] -Command \"<PowerShell text>\"\n" +
        "Runs non-interactively with the ProjectX module imported (from Modules/ProjectX next to this program by default).";

    /// <summary>Returns null (and an error message) for a malformed command line.</summary>
    public static ShellArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? file = null, command = null, module = null;
        var scriptArguments = new List<string>();
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (IsSwitch(name, "-File", "-f"))
            {
                if (!TryValue(args, ref i, out file, out error))
                {
                    return null;
                }

                // Like pwsh: everything after the script path belongs to the script.
                scriptArguments.AddRange(args.Skip(i + 1));
                break;
            }

            if (IsSwitch(name, "-Command", "-c"))
            {
                if (!TryValue(args, ref i, out command, out error))
                {
                    return null;
                }

                // pwsh joins the rest of the line into the command text.
                command = string.Join(' ', args.Skip(i));
                break;
            }

            if (IsSwitch(name, "-Module", "-m"))
            {
                if (!TryValue(args, ref i, out module, out error))
                {
                    return null;
                }

                continue;
            }

            error = $"Unknown argument '{name}'.";
            return null;
        }

        if (file is null && command is null)
        {
            error = "Pass -File or -Command.";
            return null;
        }

        return new ShellArguments(file, command, scriptArguments, module);
    }

    private static bool IsSwitch(string arg, string longName, string shortName)
        => arg.Equals(longName, StringComparison.OrdinalIgnoreCase)
            || arg.Equals(shortName, StringComparison.OrdinalIgnoreCase)
            || arg.Equals("-" + longName, StringComparison.OrdinalIgnoreCase);

    private static bool TryValue(IReadOnlyList<string> args, ref int i, out string? value, out string? error)
    {
        if (i + 1 >= args.Count)
        {
            value = null;
            error = $"{args[i]} needs a value.";
            return false;
        }

        value = args[++i];
        error = null;
        return true;
    }
}
