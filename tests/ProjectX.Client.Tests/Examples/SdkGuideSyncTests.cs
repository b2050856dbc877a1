using System.Text.RegularExpressions;

namespace ProjectX.Client.Tests.Examples;

/// <summary>
/// docs/sdk.md and the README show code that must be the code the example tests run: every <c>csharp</c> block must
/// appear, line for line (indentation aside), in examples/Sdk.
/// </summary>
public sealed partial class SdkGuideSyncTests
{
    public static TheoryData<string> Documents => ["docs/sdk.md", "README.md"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_csharp_block_is_in_the_compiled_examples(string document)
    {
        var root = RepoRoot();
        var source = Normalize(string.Join('\n', Directory.GetFiles(Path.Combine(root, "examples", "Sdk"), "*.cs").Order().Select(File.ReadAllText)));
        var blocks = CsharpBlock().Matches(File.ReadAllText(Path.Combine(root, document))).Select(m => m.Groups["code"].Value).ToList();

        Assert.NotEmpty(blocks);
        foreach (var block in blocks)
            Assert.True(source.Contains(Normalize(block), StringComparison.Ordinal), $"{document}: this block is not in examples/Sdk:\n{block}");
    }

    [Fact]
    public void The_guide_covers_every_example()
    {
        var guide = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "sdk.md"));
        foreach (var heading in new[] { "## Concurrent calls", "## Order management", "## Realtime callbacks", "## The live engine", "## The trading suite", "## The background monitor" })
            Assert.Contains(heading, guide, StringComparison.Ordinal);
    }

    /// <summary>Trimmed non-empty lines, so indentation and blank lines do not matter; a snippet's usings and whole-line comments are skipped.</summary>
    private static string Normalize(string code) =>
        "\n" + string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("using ProjectX", StringComparison.Ordinal) && !l.StartsWith("//", StringComparison.Ordinal))) + "\n";

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ProjectX.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("No ProjectX.slnx above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CsharpBlock();
}
