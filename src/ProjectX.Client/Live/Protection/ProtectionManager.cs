using System.Collections.Concurrent;
using System.Threading.Channels;
using ProjectX.Client.Gateway;
using ProjectX.Client.Realtime;

namespace ProjectX.Client.Live;

/// <summary>
/// Stops and targets on the live engine's account, kept one-cancels-other by the client: the bracket for accounts in
/// Position Brackets mode (where the gateway refuses native brackets), and stops and targets attached to or moved on
/// an open position on any account.
/// <para>
/// <b>How.</b> One worker task does everything, one step at a time, so two actions never race each other. Hub events
/// only wake it. Each check reads the gateway (working orders and open positions over REST, which are authoritative
/// and safe to repeat) and then makes the legs match the position: placed when missing, resized when the position
/// changed, cancelled when it closed. A leg's fill, seen on the user hub, cancels its sibling first, before any read.
/// Every order it sends carries a <see cref="ProtectionTags"/> tag, so after a reconnect, a gap or a restart the legs
/// are recognised from the gateway's own state. Money-moving calls are sent once: a lost answer is reconciled by the tag,
/// and a change is re-sent only when a fresh read shows it still needed.
/// </para>
/// <para>
/// <b>When the process dies</b> the legs stay at the gateway as two plain resting orders, each sized to the position,
/// and nothing cancels one when the other fills. The next engine on the account adopts them by their tags (and an
/// entry that filled meanwhile, from the day's orders) and manages them again.
/// </para>
/// </summary>
public sealed partial class ProtectionManager : IAsyncDisposable
{
    private readonly LiveAccount _live;
    private readonly ProtectionOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<bool> _kick = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentQueue<OrderModel> _filledLegs = new();
    private readonly ConcurrentQueue<Command> _commands = new();
    // Touched only by the worker; readers get _published.
    private readonly Dictionary<string, ProtectionPlan> _plans = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private volatile IReadOnlyList<PositionProtection> _published = [];
    private volatile bool _deepAdopt;
    private int _active;
    private int _mode;
    private int _disposed;
    private ITimer? _interval;
    private ITimer? _retry;
    private Task _worker = Task.CompletedTask;

    internal ProtectionManager(LiveAccount live, ProtectionOptions options, TimeProvider time)
    {
        _live = live;
        _options = options;
        _time = time;
        _mode = (int)options.BracketMode;
    }

    /// <summary>The account's bracket setting as configured or learned (<see cref="BracketMode.Unknown"/> until a bracket order tells).</summary>
    public BracketMode BracketMode => (BracketMode)Volatile.Read(ref _mode);

    /// <summary>The positions protected now, as of the last check.</summary>
    public IReadOnlyList<PositionProtection> Protections => _published;

    /// <summary>The protection of one contract, or null.</summary>
    public PositionProtection? this[string contractId] => _published.FirstOrDefault(p => string.Equals(p.ContractId, contractId, StringComparison.OrdinalIgnoreCase));

    /// <summary>What the manager did, raised on its worker task: keep handlers short.</summary>
    public event EventHandler<ProtectionEvent>? Changed;

    private ProjectXClient Client => _live.Client;

    private int AccountId => _live.AccountId;

    /// <summary>
    /// Places an entry with a stop loss and/or a take profit (<see cref="PreparedOrder.StopLossTicks"/>,
    /// <see cref="PreparedOrder.TakeProfitTicks"/>). On an Auto OCO account the gateway's native brackets are used.
    /// On a Position Brackets account (configured, or learned when the gateway refuses the native brackets, which
    /// leaves one Rejected order behind) the entry is sent without brackets and this manager places the legs when it
    /// fills. The entry is sent once in either case; the outcome says what became of it.
    /// </summary>
    public async Task<ProtectedPlacement> SubmitBracketOrderAsync(PreparedOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (order.StopLossTicks is null && order.TakeProfitTicks is null)
            throw new ProjectXValidationException(ValidationReason.InvalidTicks, "A bracket order needs a stop-loss or a take-profit distance. Nothing was sent.", nameof(order.StopLossTicks));
        if (order.AccountId != AccountId)
            throw new ProjectXValidationException(ValidationReason.InvalidArgument, $"The live engine follows account {AccountId}, not {order.AccountId}; it can only manage brackets on its own account. Nothing was sent.", nameof(order.AccountId));

        if (BracketMode != BracketMode.PositionBrackets)
        {
            var native = await Client.SubmitOrderAsync(order, readBack: true, cancellationToken).ConfigureAwait(false);
            if (!BracketModes.IsPositionBracketsRejection(native.Error))
            {
                if (native.IsPlaced)
                    Interlocked.CompareExchange(ref _mode, (int)BracketMode.AutoOco, (int)BracketMode.Unknown);
                return new ProtectedPlacement(native, BracketHandling.Native);
            }
            Volatile.Write(ref _mode, (int)BracketMode.PositionBrackets);
            Raise(new ProtectionEvent(ProtectionEventKind.PositionBracketsDetected, order.Contract.Id, null, native.OrderId,
                $"Account {AccountId} is in Position Brackets mode (the gateway said: {native.Error!.GatewayMessage}); the client manages the stop and target."));
        }
        return await OnWorkerAsync(ct => SubmitManagedEntryAsync(order, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Prepares the ticket (<see cref="ProjectXClient.PrepareOrderAsync"/>), then <see cref="SubmitBracketOrderAsync(PreparedOrder, CancellationToken)"/>.</summary>
    public async Task<ProtectedPlacement> SubmitBracketOrderAsync(OrderTicket ticket, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ticket.AccountId ??= AccountId;
        var order = await Client.PrepareOrderAsync(ticket, cancellationToken).ConfigureAwait(false);
        return await SubmitBracketOrderAsync(order, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Attaches a stop and/or a target to the open position in <see cref="ProtectionRequest.Instrument"/>, or moves the
    /// ones it has. The legs are sized to the position and follow it (resized when it grows or shrinks, cancelled when it
    /// closes, one cancelled when the other fills). Returns once the legs are placed or moved.
    /// <see cref="ProjectXValidationException"/> for bad input and <see cref="ProjectXNotFoundException"/> (ResourceKind
    /// Position) when there is no open position; nothing is sent then.
    /// </summary>
    public async Task<PositionProtection> ProtectAsync(ProtectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        CheckShape(request);
        return await OnWorkerAsync(ct => ProtectOnWorkerAsync(request, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks every protected position against the gateway now, and returns when done.</summary>
    public Task ReconcileAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return OnWorkerAsync(async ct => await PassAsync(ct).ConfigureAwait(false), cancellationToken);
    }

    /// <summary>Stops the worker. The legs stay at the gateway (see the class remarks). Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _live.OrderChanged -= OnOrderChanged;
        _live.PositionChanged -= OnPositionChanged;
        _live.GapDetected -= OnGap;
        _live.ConnectionStateChanged -= OnConnectionStateChanged;
        if (_interval is not null) await _interval.DisposeAsync().ConfigureAwait(false);
        if (_retry is not null) await _retry.DisposeAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _kick.Writer.TryComplete();
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        while (_commands.TryDequeue(out var command))
            command.Abandon();
        _stop.Dispose();
    }

    /// <summary>Starts listening once the engine has its snapshots; anything tagged on the account, or any open position, is checked at once.</summary>
    internal void Start()
    {
        _options.Validate();
        _live.OrderChanged += OnOrderChanged;
        _live.PositionChanged += OnPositionChanged;
        _live.GapDetected += OnGap;
        _live.ConnectionStateChanged += OnConnectionStateChanged;
        _worker = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        _interval = _time.CreateTimer(_ => { if (Volatile.Read(ref _active) != 0) Kick(); }, null, _options.ReconcileInterval, _options.ReconcileInterval);
        // A restart: legs or an entry left by an earlier process, or a position whose entry filled while no engine ran.
        var tagged = _live.Orders.Working().Any(o => ProtectionTags.TryParse(o.CustomTag) is not null);
        _deepAdopt = _live.Positions.Count > 0;
        if (tagged || _deepAdopt)
        {
            Volatile.Write(ref _active, 1);
            Kick();
        }
    }

    private void OnOrderChanged(object? sender, LiveChange<OrderModel> change)
    {
        var order = change.Item;
        if (ProtectionTags.TryParse(order.CustomTag) is { } tag)
        {
            if (tag.Role != ProtectionRole.Entry && order.Status == OrderStatus.Filled)
                _filledLegs.Enqueue(order);
            Volatile.Write(ref _active, 1);
            Kick();
        }
        else if (Volatile.Read(ref _active) != 0)
        {
            Kick();
        }
    }

    private void OnPositionChanged(object? sender, LiveChange<PositionModel> change)
    {
        if (Volatile.Read(ref _active) != 0)
            Kick();
    }

    private void OnGap(object? sender, GapEvent gap)
    {
        if (gap.Hub == HubKind.User && Volatile.Read(ref _active) != 0)
            Kick();
    }

    private void OnConnectionStateChanged(object? sender, ConnectionStateChangedEvent e)
    {
        if (e is { Hub: HubKind.User, State: RealtimeConnectionState.Connected } && Volatile.Read(ref _active) != 0)
            Kick();
    }

    private void Kick() => _kick.Writer.TryWrite(true);

    private void ScheduleRetry()
    {
        if (Volatile.Read(ref _disposed) != 0)
            return;
        var timer = _time.CreateTimer(_ => Kick(), null, _options.RetryDelay, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _retry, timer)?.Dispose();
    }

    /// <summary>The single worker: a leg's fill cancels its sibling first, then the callers' commands run, then the check.</summary>
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reader = _kick.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                reader.TryRead(out _);
                var settled = true;
                while (_filledLegs.TryDequeue(out var leg))
                    settled &= await Guarded(ct => CancelSiblingsAsync(leg, ct), leg.ContractId, cancellationToken).ConfigureAwait(false);
                while (_commands.TryDequeue(out var command))
                    await command.RunAsync(cancellationToken).ConfigureAwait(false);
                if (Volatile.Read(ref _active) != 0)
                    settled &= await Guarded(PassAsync, "", cancellationToken).ConfigureAwait(false);
                Publish();
                if (!settled)
                    ScheduleRetry();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One step that must not end the worker: a gateway failure is reported and retried later.</summary>
    private async Task<bool> Guarded(Func<CancellationToken, Task<bool>> step, string contractId, CancellationToken cancellationToken)
    {
        try
        {
            return await step(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ProjectXException error)
        {
            Raise(new ProtectionEvent(ProtectionEventKind.Failed, contractId, null, null, $"A check of the protected positions failed and will run again: {error.Message}", error));
            return false;
        }
    }

    private async Task<T> OnWorkerAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var command = new Command<T>(work, cancellationToken);
        _commands.Enqueue(command);
        Kick();
        return await command.Task.ConfigureAwait(false);
    }

    private async Task OnWorkerAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        await OnWorkerAsync<bool>(async ct =>
        {
            await work(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private void Publish() => _published = [.. _plans.Values.Select(p => p.Snapshot())];

    private void Raise(ProtectionEvent e)
    {
        if (Changed is not { } handlers)
            return;
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<ProtectionEvent>)handler)(this, e);
            }
#pragma warning disable CA1031 // A subscriber's bug must not stop the worker that keeps positions protected.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private abstract class Command
    {
        public abstract Task RunAsync(CancellationToken stopping);

        public abstract void Abandon();
    }

    private sealed class Command<T>(Func<CancellationToken, Task<T>> work, CancellationToken callerToken) : Command
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _done.Task;

        public override async Task RunAsync(CancellationToken stopping)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, callerToken);
            try
            {
                _done.TrySetResult(await work(linked.Token).ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (linked.IsCancellationRequested)
            {
                _done.TrySetCanceled(linked.Token);
            }
#pragma warning disable CA1031 // The caller gets the failure; the worker carries on.
            catch (Exception error)
#pragma warning restore CA1031
            {
                _done.TrySetException(error);
            }
        }

        public override void Abandon() => _done.TrySetException(new ObjectDisposedException(nameof(ProtectionManager), "The live engine stopped before this protection request ran. Nothing was sent for it."));
    }
}
