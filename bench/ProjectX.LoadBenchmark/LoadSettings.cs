using System.Globalization;

namespace ProjectX.Benchmarks.Load;

/// <summary>The benchmark's knobs; the defaults are the reliability probe's load (200 readers, 50 hubs).</summary>
internal sealed record LoadSettings(int Readers, int Hubs, TimeSpan Duration, TimeSpan Warmup, int Orders)
{
    public static LoadSettings? Parse(IReadOnlyList<string> args)
    {
        var settings = new LoadSettings(200, 50, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(3), 20);
        for (var i = 0; i < args.Count; i++)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
                return null;
            settings = args[i] switch
            {
                "--readers" => settings with { Readers = value },
                "--hubs" => settings with { Hubs = value },
                "--seconds" => settings with { Duration = TimeSpan.FromSeconds(value) },
                "--orders" => settings with { Orders = value },
                _ => null,
            };
            if (settings is null) return null;
            i++;
        }
        return settings;
    }
}
