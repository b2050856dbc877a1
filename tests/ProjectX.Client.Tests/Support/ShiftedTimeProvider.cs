namespace ProjectX.Client.Tests.Support;

/// <summary>The system clock moved to another instant: time still passes (timers are real), from <paramref name="start"/>.</summary>
internal sealed class ShiftedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
