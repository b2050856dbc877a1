using System.Text.Json;

namespace ProjectX.Client.Risk;

/// <summary>
/// The guard's state file, safe with several processes at once: every change happens under an exclusive lock on a
/// sibling <c>.lock</c> file (read, change, write a temporary file, rename it over the state), so a reader sees the
/// old file or the new one, never half of one. A file that cannot be read or parsed is an error, never "no state":
/// the guard fails closed on <see cref="ProjectXRiskStateException"/>.
/// </summary>
public sealed class RiskStateStore
{
    /// <summary>How long a change waits for another process's lock before failing (closed).</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions Json = RiskRules.JsonOptions;

    public RiskStateStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The environment variable that moves <see cref="DefaultDirectory"/> (a test run, a job with its own state).</summary>
    public const string DirectoryVariable = "PROJECTX_RISK_STATE_DIR";

    /// <summary>
    /// The per-user directory of state files: <c>%LOCALAPPDATA%\ProjectX\risk</c>, <c>~/.local/share/ProjectX/risk</c>,
    /// or <see cref="DirectoryVariable"/> when set.
    /// </summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } chosen ? chosen : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ProjectX", "risk");

    /// <summary>The default state file of an account.</summary>
    public static string DefaultPathFor(int accountId) =>
        System.IO.Path.Combine(DefaultDirectory, FormattableString.Invariant($"account-{accountId}.json"));

    public string Path { get; }

    /// <summary>The saved state, or null when there is no file yet. <see cref="ProjectXRiskStateException"/> when it is corrupt or unreadable.</summary>
    public RiskState? Read(int accountId)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(Path))
                return null;
            bytes = File.ReadAllBytes(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProjectXRiskStateException(RiskStateFailure.Unreadable, Path,
                $"The risk guard's state file '{Path}' cannot be read ({e.Message}). Entries are refused until it can.", e);
        }
        return Parse(bytes, accountId);
    }

    /// <summary>
    /// Reads the state under the exclusive lock, applies <paramref name="change"/> (null in: no file yet; return the
    /// same instance to write nothing), and replaces the file atomically. Returns the state now saved.
    /// </summary>
    public async Task<RiskState?> UpdateAsync(int accountId, Func<RiskState?, RiskState?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var gate = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        var current = Read(accountId);
        var next = change(current?.Copy());
        if (next is null || (current is not null && Same(current, next)))
            return current;
        Write(next);
        return next;
    }

    /// <summary>Deletes the state (a deliberate reset, e.g. after repairing a corrupt file by hand). Under the lock.</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        using var gate = await AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            File.Delete(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ProjectXRiskStateException(RiskStateFailure.Unreadable, Path, $"The risk guard's state file '{Path}' cannot be deleted ({e.Message}).", e);
        }
    }

    private RiskState Parse(byte[] bytes, int accountId)
    {
        RiskState? state;
        try
        {
            state = JsonSerializer.Deserialize<RiskState>(bytes, Json);
        }
        catch (JsonException e)
        {
            throw Corrupt($"it is not valid JSON ({e.Message})", e);
        }
        if (state is null)
            throw Corrupt("it holds no state", null);
        if (state.Problem(accountId) is { } problem)
            throw Corrupt(problem, null);
        return state;
    }

    private ProjectXRiskStateException Corrupt(string why, Exception? inner) => new(RiskStateFailure.Corrupt, Path,
        $"The risk guard's state file '{Path}' is corrupt: {why}. Entries are refused (the guard fails closed). " +
        "Repair the file, or delete it on purpose (Unlock-PxRisk -Reset, or RiskGuard.ResetStateAsync) to start the figures again.", inner);

    private void Write(RiskState state)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, state, Json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, Path, overwrite: true); // a rename: atomic on one volume
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new ProjectXRiskStateException(RiskStateFailure.Unreadable, Path,
                $"The risk guard's state file '{Path}' cannot be written ({e.Message}). Entries are refused until it can.", e);
        }
    }

    private async Task<FileStream> AcquireAsync(CancellationToken cancellationToken)
    {
        var lockPath = Path + ".lock";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // Wall-clock waiting on purpose: this is about another process holding the file, not about market time.
        var deadline = Environment.TickCount64 + (long)LockTimeout.TotalMilliseconds;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock across processes (flock on Unix, a share lock on Windows).
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 < deadline)
            {
                await Task.Delay(15, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ProjectXRiskStateException(RiskStateFailure.Unreadable, Path,
                    $"The risk guard's state file '{Path}' stayed locked by another process for {LockTimeout.TotalSeconds:0} s ({e.Message}). Entries are refused until it is free.", e);
            }
        }
    }

    private static bool Same(RiskState a, RiskState b) =>
        a.Version == b.Version && a.AccountId == b.AccountId && a.TradingDay == b.TradingDay && a.DayStartBalance == b.DayStartBalance
        && a.EquityHigh == b.EquityHigh && a.ClosingBalanceHigh == b.ClosingBalanceHigh && Equals(a.Lock, b.Lock);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless (it never replaces the state).
        }
    }

    public override string ToString() => Path;
}
