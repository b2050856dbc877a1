using ProjectX.Client.Sessions;
using ProjectX.Client.State;

namespace ProjectX.Client.Indicators;

/// <summary>
/// On-balance volume (TA-Lib OBV): starts at the first bar's volume (not 0, unlike some platforms) and adds the
/// volume when the close rises, subtracts it when the close falls. Lookback 0.
/// </summary>
public sealed class Obv : Indicator
{
    private double _obv;
    private double _prevClose;
    private bool _started;

    public Obv()
        : base("OBV", 0)
    {
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        var close = (double)bar.Close;
        double obv = bar.Volume;
        if (_started)
        {
            obv = _obv;
            if (close > _prevClose)
                obv += bar.Volume;
            else if (close < _prevClose)
                obv -= bar.Volume;
        }
        SetOutput(0, obv);
        if (!commit)
            return;
        _obv = obv;
        _prevClose = close;
        _started = true;
    }

    protected override void ResetState()
    {
        _obv = _prevClose = 0;
        _started = false;
    }
}

/// <summary>
/// Volume-weighted average price (not in TA-Lib): Σ(TP·volume)/Σvolume with TP = (H+L+C)/3, restarted at each
/// trading day of a <see cref="TradingCalendar"/> (CME trade date: Sunday 17:00 CT belongs to Monday), or
/// accumulated from a fixed anchor time. NaN before the anchor and until the session has traded volume.
/// </summary>
public sealed class Vwap : Indicator
{
    private readonly TradingCalendar? _calendar;
    private readonly DateTimeOffset _anchor;
    private DateTimeOffset _dayStart;
    private DateTimeOffset _dayEnd;
    private double _pv;
    private double _volume;
    private bool _inDay;

    /// <summary>A VWAP restarted at the start of every trading day of <paramref name="calendar"/>.</summary>
    public Vwap(TradingCalendar calendar)
        : base($"VWAP(session {calendar?.Group})", 0)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
    }

    /// <summary>A VWAP of the bars that start at or after <paramref name="anchor"/>.</summary>
    public Vwap(DateTimeOffset anchor)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"VWAP(from {anchor.UtcDateTime:yyyy-MM-dd HH:mm}Z)"), 0)
    {
        _anchor = anchor;
    }

    protected override void Compute(in Bar bar, bool commit)
    {
        double pv = _pv, volume = _volume;
        var newDay = false;
        if (_calendar is not null)
        {
            // Within the cached day no lookup; a bar in the daily break looks up (binary search) and finds the same day.
            if (!_inDay || bar.Start < _dayStart || bar.Start >= _dayEnd)
            {
                var day = _calendar.TradingDayAt(bar.Start);
                newDay = !_inDay || day.Start != _dayStart;
                if (newDay)
                {
                    pv = volume = 0;
                }
                if (commit)
                {
                    _dayStart = day.Start;
                    _dayEnd = day.End;
                    _inDay = true;
                }
            }
        }
        else if (bar.Start < _anchor)
        {
            SetOutput(0, double.NaN);
            return;
        }
        var tp = ((double)bar.High + (double)bar.Low + (double)bar.Close) / 3;
        pv += tp * bar.Volume;
        volume += bar.Volume;
        SetOutput(0, volume > 0 ? pv / volume : double.NaN);
        if (!commit)
            return;
        _pv = pv;
        _volume = volume;
    }

    protected override void ResetState()
    {
        _pv = _volume = 0;
        _inDay = false;
        _dayStart = _dayEnd = default;
    }
}
