using System.Collections.Concurrent;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Diagnostics;
using ProjectX.PowerShell.Internal;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// Base of every ProjectX cmdlet. Each processing step runs its async core on the thread pool while the
/// pipeline thread pumps a bounded queue of actions, because WriteObject/WriteError/WriteVerbose/ShouldProcess
/// are only legal on the pipeline thread. Ctrl+C (<see cref="StopProcessing"/>) cancels the token every
/// call receives, so the step ends at once.
/// </summary>
public abstract class ProjectXAsyncCmdlet : PSCmdlet, IDisposable
{
    private const int QueueCapacity = 256;

    private readonly CancellationTokenSource _stopping = new();
    private BlockingCollection<Action>? _pipelineQueue;
    private bool _disposed;

    protected virtual Task BeginProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    protected virtual Task ProcessRecordAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    protected virtual Task EndProcessingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void BeginProcessing() => RunStep(BeginProcessingAsync);
    protected override void ProcessRecord() => RunStep(ProcessRecordAsync);
    protected override void EndProcessing() => RunStep(EndProcessingAsync);
    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Writes an object to the pipeline with its ProjectX type name first (for the format views).</summary>
    protected void Emit(object value, string psTypeName)
    {
        var wrapped = PSObject.AsPSObject(value);
        wrapped.TypeNames.Insert(0, psTypeName);
        Post(() => WriteObject(wrapped));
    }

    protected void EmitError(ErrorRecord record) => Post(() => WriteError(record));

    protected void EmitVerbose(string message) => TryPost(() => WriteVerbose(message));

    protected void EmitWarning(string message) => Post(() => WriteWarning(message));

    /// <summary>Progress is a courtesy: dropped (not an error) when no step is running.</summary>
    protected void EmitProgress(ProgressRecord record) => TryPost(() => WriteProgress(record));

    /// <summary>Asks ShouldProcess on the pipeline thread (it may prompt or honour -WhatIf/-Confirm).</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) => AskAsync(() => ShouldProcess(target, action));

    /// <summary>
    /// ShouldProcess for an action riskier than the cmdlet's declared ConfirmImpact (e.g. <c>-All</c>): it
    /// confirms as a High-impact action would, i.e. also when $ConfirmPreference is High (the default) and
    /// -Confirm was not given. -WhatIf, -Confirm and -Confirm:$false keep their usual meaning.
    /// </summary>
    protected Task<bool> ShouldProcessHighImpactAsync(string target, string action) => AskAsync(() => ShouldProcessHighImpact(target, action));

    /// <summary>
    /// Runs a confirmation on the pipeline thread. A prompt the host cannot show (-NonInteractive, no console input)
    /// stops the cmdlet with ProjectX.ConfirmationUnavailable, which says to pass -Confirm:$false; nothing is sent.
    /// </summary>
    private Task<bool> AskAsync(Func<bool> ask)
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try
            {
                answer.SetResult(ask());
            }
            catch (Exception ex) when (ex is not (PipelineStoppedException or ActionPreferenceStopException or OperationCanceledException))
            {
                // PSInvalidOperationException in -NonInteractive; a host reading an empty stdin fails in its own way.
                var reason = ex is PSInvalidOperationException ? ex : new InvalidOperationException("the console has no input to read an answer from", ex);
                answer.SetException(Terminate(ProjectXErrors.ConfirmationUnavailable(MyInvocation.MyCommand.Name, reason)));
            }
            catch (Exception ex)
            {
                answer.SetException(ex);
                throw;
            }
        });
        return answer.Task;
    }

    /// <summary>True only for -WhatIf or -WhatIf:$true; -WhatIf:$false (e.g. -WhatIf:$dryRun) is not a dry run.</summary>
    protected bool WhatIfRequested =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var value) && LanguagePrimitives.IsTrue(value);

    private bool ShouldProcessHighImpact(string target, string action)
    {
        var bound = MyInvocation.BoundParameters;
        var explicitChoice = WhatIfRequested || bound.ContainsKey("Confirm");
        var preference = GetVariableValue("ConfirmPreference") is { } value
            && LanguagePrimitives.TryConvertTo<ConfirmImpact>(value, out var parsed) ? parsed : ConfirmImpact.High;
        if (!ShouldProcess(target, action))
        {
            return false;
        }

        // ShouldProcess already prompted when -Confirm was given or $ConfirmPreference is at or below Medium.
        if (explicitChoice || preference is ConfirmImpact.None or ConfirmImpact.Low or ConfirmImpact.Medium)
        {
            return true;
        }

        return ShouldContinue($"{action} on target \"{target}\".", "Confirm (high impact)");
    }

    /// <summary>Each gateway call this cmdlet's steps make (on their thread): shown under -Verbose.</summary>
    protected virtual void OnApiCall(ApiCallCompletedEventArgs call) => EmitVerbose(ApiCallVerbose.Describe(call));

    /// <summary>Stops the step with a terminating error (thrown from async code, surfaced on the pipeline thread).</summary>
    protected static Exception Terminate(ErrorRecord record) => new TerminatingErrorException(record);

    private void RunStep(Func<CancellationToken, Task> step)
    {
        using var queue = new BlockingCollection<Action>(QueueCapacity);
        Volatile.Write(ref _pipelineQueue, queue);
        var token = _stopping.Token;
        var work = Task.Run(
            async () =>
            {
                // The calls this step makes, and only those: not another runspace's, nor the background work of a
                // connection they share.
                using var calls = ProjectXDiagnostics.ObserveCalls(OnApiCall);
                try
                {
                    await step(token).ConfigureAwait(false);
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            CancellationToken.None);

        try
        {
            foreach (var action in queue.GetConsumingEnumerable())
            {
                action();
            }
        }
        catch
        {
            // The pipeline refused an action (downstream stopped, -ErrorAction Stop): stop the producer,
            // let it finish, then report the pipeline's own exception.
            _stopping.Cancel();
            DrainAfterFailure(queue, work);
            throw;
        }
        finally
        {
            Volatile.Write(ref _pipelineQueue, null);
        }

        ThrowIfFailed(work);
    }

    private static void DrainAfterFailure(BlockingCollection<Action> queue, Task work)
    {
        // Discarding queued actions unblocks a producer waiting for room; the work honours the token.
        while (!work.IsCompleted)
        {
            while (queue.TryTake(out _))
            {
            }

            work.Wait(TimeSpan.FromMilliseconds(50));
        }
    }

    private void ThrowIfFailed(Task work)
    {
        // The queue completes in the work's finally block, a moment before the task itself does.
        ((IAsyncResult)work).AsyncWaitHandle.WaitOne();
        if (!work.IsFaulted && !work.IsCanceled)
        {
            return;
        }

        var failure = work.Exception?.GetBaseException();
        switch (failure)
        {
            case null:
            case OperationCanceledException when _stopping.IsCancellationRequested:
                throw new PipelineStoppedException();
            case TerminatingErrorException terminating:
                ThrowTerminatingError(terminating.ErrorRecord);
                break;
            case PipelineStoppedException or ActionPreferenceStopException:
                throw failure;
            default:
                ThrowTerminatingError(ProjectXErrors.FromException(failure));
                break;
        }
    }

    private void Post(Action action)
    {
        var queue = Volatile.Read(ref _pipelineQueue)
            ?? throw new InvalidOperationException("Pipeline output is only possible while a processing step runs.");
        queue.Add(action, _stopping.Token);
    }

    /// <summary>For diagnostics that may arrive late (client events): dropped when no step is running.</summary>
    private void TryPost(Action action)
    {
        var queue = Volatile.Read(ref _pipelineQueue);
        if (queue is null)
        {
            return;
        }

        try
        {
            queue.Add(action, _stopping.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or OperationCanceledException)
        {
            // The step already completed or is stopping; a late verbose line is not worth failing for.
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing)
        {
            _stopping.Dispose();
        }
    }

    private sealed class TerminatingErrorException(ErrorRecord errorRecord) : Exception(errorRecord.Exception?.Message)
    {
        public ErrorRecord ErrorRecord { get; } = errorRecord;
    }
}
