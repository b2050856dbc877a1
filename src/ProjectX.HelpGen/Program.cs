// Why this tool exists: a binary module only answers Get-Help with MAML help, and PlatyPS (the usual
// markdown-to-MAML tool) is not available from any registry this build can reach. The docs stay in platyPS
// markdown, usable unchanged by anyone who has platyPS, and this small converter stands in for
// New-ExternalHelp at build time. It implements only the platyPS 0.14 (schema 2.0.0) subset our docs use.
//
// Usage: ProjectX.HelpGen <docs-dir> <output-dir> [help-file-name] [temp-dir]
using ProjectX.HelpGen;

if (args.Length is < 2 or > 4)
{
    Console.Error.WriteLine("Usage: ProjectX.HelpGen <docs-dir> <output-dir> [help-file-name (default ProjectX.PowerShell.dll-Help.xml)] [temp-dir]");
    return 2;
}

var docs = Path.GetFullPath(args[0]);
if (!Directory.Exists(docs))
{
    Console.Error.WriteLine($"error PXHELP002: The docs folder '{docs}' does not exist.");
    return 1;
}

var errors = HelpGenerator.Generate(docs, Path.GetFullPath(args[1]), args.Length > 2 ? args[2] : "ProjectX.PowerShell.dll-Help.xml",
    args.Length > 3 ? Path.GetFullPath(args[3]) : null);
foreach (var error in errors)
{
    // Standard output in MSBuild's canonical format: the Exec task turns each line into a build error.
    Console.WriteLine(error);
}

return errors.Count == 0 ? 0 : 1;
