using System.Management.Automation;
using ClientTimeframe = ProjectX.Client.State.Timeframe;

namespace ProjectX.PowerShell.Internal;

/// <summary>A <c>-Timeframe</c> argument, read with the client's one grammar (the same strings work in C# and in cmdlets).</summary>
internal static class TimeframeArgument
{
    /// <summary>The timeframe, or the ProjectX.InvalidTimeframe record saying what happened instead (<paramref name="consequence"/>).</summary>
    public static ClientTimeframe Parse(string text, string consequence, out ErrorRecord? error)
    {
        error = null;
        if (ClientTimeframe.TryParse(text, out var timeframe))
        {
            return timeframe;
        }

        error = ProjectXErrors.InvalidArgument(
            ProjectXErrors.InvalidTimeframeId,
            $"'{text}' is not a timeframe: use {ClientTimeframe.Grammar}. {consequence}",
            text);
        return default;
    }
}
