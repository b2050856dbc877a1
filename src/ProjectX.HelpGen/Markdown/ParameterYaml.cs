using Markdig.Syntax;

namespace ProjectX.HelpGen.Markdown;

/// <summary>
/// Reads the ```yaml block platyPS writes under each parameter. Only its fixed "Key: value" lines, so no YAML
/// library: a missing key or a value of the wrong shape is an error on that line.
/// </summary>
internal static class ParameterYaml
{
    private static readonly string[] RequiredKeys =
    [
        "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters",
    ];

    public static ParameterSetDoc Read(MarkdownFile file, FencedCodeBlock block, string parameterName)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        for (var i = 0; i < block.Lines.Count; i++)
        {
            var line = block.Lines.Lines[i].ToString();
            var lineNumber = MarkdownFile.LineOf(block) + 1 + i;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new HelpDocFormatException(file.Path, lineNumber, $"Parameter -{parameterName}: expected 'Key: value' in the yaml block, got '{line.Trim()}'.");
            }

            var key = line[..colon].Trim();
            if (!RequiredKeys.Contains(key, StringComparer.Ordinal))
            {
                throw new HelpDocFormatException(file.Path, lineNumber, $"Parameter -{parameterName}: unknown yaml key '{key}' (expected {string.Join(", ", RequiredKeys)}).");
            }

            values[key] = (line[(colon + 1)..].Trim(), lineNumber);
        }

        var missing = RequiredKeys.Where(k => !values.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw file.Error(block, $"Parameter -{parameterName}: the yaml block lacks {string.Join(", ", missing)}.");
        }

        return new ParameterSetDoc(
            Type: NonEmpty("Type"),
            ParameterSets: List(NonEmpty("Parameter Sets")),
            Aliases: List(values["Aliases"].Value),
            Required: Bool("Required"),
            Position: Position(),
            DefaultValue: values["Default value"].Value,
            PipelineInput: PipelineInput(),
            AcceptsWildcards: Bool("Accept wildcard characters"));

        string NonEmpty(string key) => values[key].Value.Length > 0
            ? values[key].Value
            : throw Fail(key, "must not be empty");

        bool Bool(string key) => values[key].Value switch
        {
            "True" => true,
            "False" => false,
            _ => throw Fail(key, "must be True or False"),
        };

        string Position()
        {
            var value = values["Position"].Value;
            return value == "Named" || int.TryParse(value, out var p) && p >= 0 ? value : throw Fail("Position", "must be Named or a number");
        }

        string PipelineInput()
        {
            var value = values["Accept pipeline input"].Value;
            var valid = value is "False" or "True (ByValue)" or "True (ByPropertyName)" or "True (ByValue, ByPropertyName)";
            return valid ? value : throw Fail("Accept pipeline input", "must be False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName)");
        }

        HelpDocFormatException Fail(string key, string rule) =>
            new(file.Path, values[key].Line, $"Parameter -{parameterName}: '{key}: {values[key].Value}' {rule}.");
    }

    private static string[] List(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
