using System.Globalization;

namespace RealtimeBracket;

/// <summary>The example's command line: <c>[url] [--symbol MNQ] [--seconds 300] [--stop 20] [--target 20]</c>.</summary>
public sealed record DemoSettings(Uri? Url, string Symbol, TimeSpan MaxHold, int StopLossTicks, int TakeProfitTicks)
{
    public static DemoSettings Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Uri? url = null;
        string symbol = "MNQ";
        double seconds = 300;
        int stop = 20, target = 20;
        for (int i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--symbol": symbol = Next(); break;
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--stop": stop = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--target": target = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default:
                    url = Uri.TryCreate(args[i], UriKind.Absolute, out var u) ? u : throw new ArgumentException($"Unknown argument '{args[i]}'. Usage: [url] [--symbol MNQ] [--seconds 300] [--stop 20] [--target 20]");
                    break;
            }
        }
        return new DemoSettings(url, symbol, TimeSpan.FromSeconds(seconds), stop, target);
    }
}
