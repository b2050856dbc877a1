#Requires -Version 7.4
<#
.SYNOPSIS
    An event-driven bracket strategy: trade with the 1-minute trend, and follow the fills and the exit through ProjectX events.

.DESCRIPTION
    For -DurationSeconds, and for at most -MaxTrades trades:
      1. read the last -SmaBars 1-minute bars (Get-PxBar) and compare the last close with their simple moving average;
      2. above the average, buy -Size at market; below it, sell. Each entry carries a native bracket: a stop loss of
         -StopLossTicks and a take profit of -TakeProfitTicks;
      3. follow what happens through Register-PxEvent. TradeExecuted reports each fill, and PositionUpdated reports the
         position. When the position returns to 0, the bracket's stop or target has closed the trade, and the next
         trade may start.
    When the time is up, an open position is closed at market. At the end, the events are unregistered, any order
    left on the symbol is cancelled and the session is closed.

    The -Action blocks run on the pipeline thread, between the script's statements. They share state with the script
    through -MessageData, a synchronized hashtable.

    This is a demonstration of the mechanics, not a trading edge. It runs against the in-process simulator with
    -Simulator, or against a gateway with credentials (as in EndOfDayFlatten.ps1: -Credential, -SecretName,
    PROJECTX_USERNAME/PROJECTX_API_KEY, or the SecretManagement secret named ProjectX); without either it exits 2.
    Against a real gateway, use a Practice account, and follow your firm's rules: Topstep forbids order flow from a
    VPS, a VPN or a remote server.

    Exit codes: 0 done and flat, 2 cannot trade (credentials, gateway or hubs), 3 not flat at the end.

    Without pwsh:  dotnet run --project src/ProjectX.Shell -- -File examples/BracketStrategy.ps1 -DurationSeconds 60
    With pwsh:     ./examples/BracketStrategy.ps1 -DurationSeconds 60
#>
[CmdletBinding()]
param(
    [string] $Symbol = 'MNQ',
    [ValidateRange(2, 500)]
    [int] $SmaBars = 20,
    [ValidateRange(1, 10)]
    [int] $Size = 1,
    [ValidateRange(1, 1000)]
    [int] $StopLossTicks = 8,
    [ValidateRange(1, 1000)]
    [int] $TakeProfitTicks = 8,
    [ValidateRange(1, 100)]
    [int] $MaxTrades = 1,
    [ValidateRange(1, 86400)]
    [int] $DurationSeconds = 120,
    [pscredential] $Credential,
    [string] $Account,
    [string] $Firm,
    [string] $SecretName,
    [switch] $Simulator
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name ProjectX)) {
    Import-Module -Name "$PSScriptRoot/../out/ProjectX/ProjectX.psd1"
}

# --- Connect (with the realtime hubs: the strategy needs events) ----------------------------------------------
$connect = @{ PassThru = $true }
if ($Account) { $connect.Account = $Account }
if ($Simulator) { $connect.Simulator = $true }
elseif ($Credential) { $connect.Credential = $Credential }
elseif ($SecretName) { $connect.SecretName = $SecretName }
if ($Firm -and -not $Simulator) { $connect.Firm = $Firm }
try {
    # Without -Credential or -SecretName, Connect-ProjectX reads the environment, then the 'ProjectX' secret.
    $connection = Connect-ProjectX @connect

    # Shared with the -Action blocks, which run in their own scope.
    $state = [hashtable]::Synchronized(@{ Fills = 0; InPosition = $false; Exits = 0 })
    $prefix = "BracketStrategy.$PID"
    $null = Register-PxEvent TradeExecuted -Symbol $Symbol -SourceIdentifier "$prefix.Fills" -MessageData $state -Action {
        $Event.MessageData.Fills++
        'event: fill {0} {1} @ {2}' -f $EventArgs.Trade.Side, $EventArgs.Trade.Size, $EventArgs.Trade.Price | Out-Host
    }
    $null = Register-PxEvent PositionUpdated -Symbol $Symbol -SourceIdentifier "$prefix.Positions" -MessageData $state -Action {
        $position = $EventArgs.Position
        if ($position.Size -gt 0) {
            $Event.MessageData.InPosition = $true
        }
        elseif ($Event.MessageData.InPosition) {
            $Event.MessageData.InPosition = $false
            $Event.MessageData.Exits++
        }
        'event: position {0} {1} @ {2}' -f $position.Side, $position.Size, $position.AveragePrice | Out-Host
    }
}
catch {
    $Host.UI.WriteErrorLine("BracketStrategy: cannot trade: $($_.Exception.Message)")
    exit 2
}

"Trading $Symbol on $($connection.Account) for $DurationSeconds s: at most $MaxTrades trade(s) of $Size, stop $StopLossTicks ticks, target $TakeProfitTicks ticks."

# --- Trade ---------------------------------------------------------------------------------------------------
$trades = 0
$failed = $null
$deadline = [DateTimeOffset]::UtcNow.AddSeconds($DurationSeconds)
try {
    while ([DateTimeOffset]::UtcNow -lt $deadline) {
        # A new entry only when every earlier trade has been seen to exit (through the events).
        if ($trades -lt $MaxTrades -and $state.Exits -ge $trades -and -not $state.InPosition) {
            $bars = @(Get-PxBar $Symbol 1min -Count $SmaBars)
            $sum = [decimal]0
            foreach ($bar in $bars) { $sum += $bar.Close }
            $sma = $sum / $bars.Count
            $last = $bars[-1].Close
            $side = if ($last -gt $sma) { 'Buy' } elseif ($last -lt $sma) { 'Sell' } else { $null }
            if ($side) {
                $entry = New-PxOrder $Symbol $side $Size -StopLossTicks $StopLossTicks -TakeProfitTicks $TakeProfitTicks -Wait -Confirm:$false
                $trades++
                'trade {0}: last close {1} vs SMA({2}) {3:0.00}: {4} {5} filled at {6}' -f $trades, $last, $bars.Count, $sma, $side, $Size, $entry.FilledPrice
            }
        }
        elseif ($trades -ge $MaxTrades -and $state.Exits -ge $trades) {
            break
        }
        # ProjectX.Shell has no Start-Sleep: a short .NET wait. The -Action blocks run between these statements.
        [System.Threading.Thread]::Sleep(200)
    }
}
catch {
    $failed = $_.Exception.Message
}

# --- Clean up ------------------------------------------------------------------------------------------------
try {
    $open = @(Get-PxPosition $Symbol)
    if ($open.Count) {
        "Time is up with a position open: closing it at market."
        # Piped, so a position that a bracket leg closes in the meantime is a warning, not an error.
        $open | Close-PxPosition -Confirm:$false
    }
    Stop-PxOrder -All -Symbol $Symbol -Confirm:$false   # a bracket leg still working
    # Let the last events arrive (the exit of a position closed just now), then unregister.
    $settle = [DateTimeOffset]::UtcNow.AddSeconds(5)
    while ($state.InPosition -and [DateTimeOffset]::UtcNow -lt $settle) { [System.Threading.Thread]::Sleep(100) }
    foreach ($subscriber in @($ExecutionContext.Events.Subscribers)) {
        if ($subscriber.SourceIdentifier -like "$prefix.*") { $ExecutionContext.Events.UnsubscribeEvent($subscriber) }
    }
    $positions = @(Get-PxPosition $Symbol)
    $orders = @(Get-PxOrder -Open -Symbol $Symbol)
    $portfolio = Get-PxPortfolio
}
catch {
    $failed = "$failed $($_.Exception.Message)".Trim()
}

if ($failed) { $Host.UI.WriteErrorLine("BracketStrategy: $failed") }
"{0} trade(s), {1} fill event(s), {2} exit(s) seen; realized today {3:N2}, fees {4:N2}." -f $trades, $state.Fills, $state.Exits, $portfolio.RealizedPnL, $portfolio.Fees
Disconnect-ProjectX
if ($positions.Count -or $orders.Count) {
    $Host.UI.WriteErrorLine("BracketStrategy: NOT flat: $($positions.Count) position(s), $($orders.Count) working order(s) on $Symbol.")
    exit 3
}
if ($failed) { exit 2 }
"Flat."
exit 0
