using System.Text;
using System.Xml;
using ProjectX.HelpGen.About;
using ProjectX.HelpGen.Maml;
using ProjectX.HelpGen.Markdown;

namespace ProjectX.HelpGen;

/// <summary>Reads every doc in a folder and writes the module's help files; reports every malformed file, not just the first.</summary>
public static class HelpGenerator
{
    public const string AboutPrefix = "about_";

    /// <summary>Generates into <paramref name="outputDirectory"/>; returns the errors (MSBuild format), empty on success.</summary>
    public static IReadOnlyList<string> Generate(string docsDirectory, string outputDirectory, string helpFileName, string? tempDirectory = null)
    {
        var errors = new List<string>();
        var cmdlets = new List<CmdletDoc>();
        var abouts = new List<(string Name, string Text)>();
        foreach (var path in Directory.EnumerateFiles(docsDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            try
            {
                var text = File.ReadAllText(path);
                if (name.StartsWith(AboutPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    abouts.Add((name, AboutTopicWriter.Convert(path, text)));
                }
                else
                {
                    cmdlets.Add(CmdletDocParser.Parse(path, text));
                }
            }
            catch (HelpDocFormatException e)
            {
                errors.Add(e.ToMSBuildError());
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        Directory.CreateDirectory(outputDirectory);
        tempDirectory ??= outputDirectory;
        Directory.CreateDirectory(tempDirectory);
        WriteAtomically(Path.Combine(outputDirectory, helpFileName), ToXml(MamlWriter.Write(cmdlets)), tempDirectory);
        foreach (var (name, text) in abouts)
        {
            WriteAtomically(Path.Combine(outputDirectory, name + ".help.txt"), text, tempDirectory);
        }

        return [];
    }

    private static string ToXml(System.Xml.Linq.XDocument document)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Temp file + rename: two builds of the module may run this at once (dotnet test of the solution builds it
    /// through several projects), and a reader must never see half a file. The temp file sits outside the
    /// module folder (same disk), so a build copying that folder never picks one up.
    /// </summary>
    private static void WriteAtomically(string path, string content, string tempDirectory)
    {
        var temp = Path.Combine(tempDirectory, $"{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(temp, content, new UTF8Encoding(false));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                File.Move(temp, path, overwrite: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                // Windows refuses to replace a file another process has open (a test host reading help).
                Thread.Sleep(200);
            }
        }
    }
}
