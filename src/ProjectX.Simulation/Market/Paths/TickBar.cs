namespace ProjectX.Simulation.Market.Paths;

/// <summary>OHLCV in integer ticks: exact, and tick-aligned by construction.</summary>
internal readonly record struct TickBar(long Open, long High, long Low, long Close, long Volume);

/// <summary>Merges consecutive bars, oldest first.</summary>
internal struct BarAccumulator
{
    private TickBar _bar;

    public bool HasValue { get; private set; }

    public readonly TickBar Bar => _bar;

    public void Add(in TickBar next)
    {
        _bar = HasValue
            ? new(_bar.Open, Math.Max(_bar.High, next.High), Math.Min(_bar.Low, next.Low), next.Close, _bar.Volume + next.Volume)
            : next;
        HasValue = true;
    }
}
