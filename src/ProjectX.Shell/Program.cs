using ProjectX.Shell;

var arguments = ShellArguments.Parse(args, out var parseError);
if (arguments is null)
{
    Console.Error.WriteLine(parseError);
    Console.Error.WriteLine(ShellArguments.Usage);
    return 64;
}

var modulePath = arguments.ModulePath ?? Path.Combine(AppContext.BaseDirectory, "Modules", "ProjectX", "ProjectX.psd1");
if (!File.Exists(modulePath) && !Directory.Exists(modulePath))
{
    Console.Error.WriteLine($"The ProjectX module was not found at '{modulePath}'. Build src/ProjectX.Shell, or pass -Module <path to ProjectX.psd1>.");
    return 66;
}

// Files, pipes and NO_COLOR get plain text, as in pwsh; a terminal keeps the formatter's colours.
var plainText = Console.IsOutputRedirected || Console.IsErrorRedirected || Environment.GetEnvironmentVariable("NO_COLOR") is { Length: > 0 };
var host = new ShellHost(Console.Out, Console.Error, plainText);
return new ScriptRunner(host).Run(arguments, Path.GetFullPath(modulePath));
