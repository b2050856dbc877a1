#Requires -Version 7.4
<#
.SYNOPSIS
    An event-driven bracket strategy: trade with the 1-minute trend, and follow the fills and the exit through ProjectX events.

.DESCRIPTION
    For -DurationSeconds, and for at most -MaxTrades trades:
      1. read the last -SmaBars 1-minute bars (Get-PxBar) and compare the last close with their simple moving average
         (Add-PxIndicator SMA);
      2. above the average, buy -Size at market; below it, sell. Each entry carries a native bracket: a stop loss of
         -StopLossTicks and a take profit of -TakeProfitTicks;
      3. follow what happens through Register-PxEvent and Wait-Event. TradeExecuted reports each fill, and
         PositionUpdated reports the position. When the position returns to flat, the bracket's stop or target has
         closed the trade, and the next trade may start.
    At or above the average it buys; below it, it sells. When the time is up, an open position is closed at market.
    At the end, the events are unregistered, the bracket legs of its own entries still working are cancelled (no
    other order is touched) and the session is closed. It starts only on a symbol where the account is flat, so
    every position it sees is its own.

    This is a demonstration of the mechanics, not a trading edge. It runs against the in-process simulator with
    -Simulator, or against a gateway with credentials (as in EndOfDayFlatten.ps1: -Credential, -SecretName,
    PROJECTX_USERNAME/PROJECTX_API_KEY, or the SecretManagement secret named ProjectX); without either it exits 2.
    Against a real gateway, use a Practice account, and follow your firm's rules: Topstep forbids order flow from a
    VPS, a VPN or a remote server.

    Exit codes: 0 done and flat, 2 cannot trade (credentials, gateway or hubs, or a position already open in the
    symbol), 3 not flat at the end.

    With pwsh:                ./examples/BracketStrategy.ps1 -Simulator -DurationSeconds 60
    With only the .NET SDK:   dotnet tool restore && dotnet pwsh -File examples/BracketStrategy.ps1 -Simulator
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
$prefix = "BracketStrategy.$PID.$([guid]::NewGuid().ToString('n').Substring(0, 8))"
$fills = "$prefix.Fills"
$positionEvents = "$prefix.Positions"
try {
    # Without -Credential or -SecretName, Connect-ProjectX reads the environment, then the 'ProjectX' secret.
    $connection = Connect-ProjectX @connect
    if (-not $connection.RealtimeEnabled) { throw 'the realtime hubs could not be opened, and the strategy follows its trades through events.' }
    if (@(Get-PxPosition $Symbol).Count) { throw "the account already has a position in $Symbol; the strategy starts flat, so that every position it sees is its own." }
    # No -Action: the events queue, and the loop below reads them with Wait-Event.
    Register-PxEvent TradeExecuted -Symbol $Symbol -SourceIdentifier $fills
    Register-PxEvent PositionUpdated -Symbol $Symbol -SourceIdentifier $positionEvents
}
catch {
    $Host.UI.WriteErrorLine("BracketStrategy: cannot trade: $($_.Exception.Message)")
    exit 2
}

"Trading $Symbol on $($connection.Account) for $DurationSeconds s: at most $MaxTrades trade(s) of $Size, stop $StopLossTicks ticks, target $TakeProfitTicks ticks."

<# Waits up to -Timeout seconds for a position event, then handles every queued event of the strategy in order. #>
function Receive-StrategyEvent([double] $Timeout) {
    $null = Wait-Event -SourceIdentifier $positionEvents -Timeout $Timeout
    $queued = @(Get-Event -SourceIdentifier $fills -ErrorAction Ignore) + @(Get-Event -SourceIdentifier $positionEvents -ErrorAction Ignore)
    foreach ($event in $queued | Sort-Object EventIdentifier) {
        $event | Remove-Event
        if ($event.SourceIdentifier -eq $fills) {
            $script:fillCount++
            $trade = $event.SourceEventArgs.Trade
            'event: fill {0} {1} @ {2}' -f $trade.Side, $trade.Size, $trade.Price
            continue
        }
        $position = $event.SourceEventArgs.Position
        if ($position.Size -gt 0) { $script:inPosition = $true }
        elseif ($script:inPosition) {
            $script:inPosition = $false
            $script:exits++
        }
        'event: position {0} {1} @ {2}' -f $position.Side, $position.Size, $position.AveragePrice
    }
}

# --- Trade ---------------------------------------------------------------------------------------------------
$trades = 0
$fillCount = 0
$exits = 0
$inPosition = $false
$entries = [System.Collections.Generic.List[long]]::new()
$failed = $null
$deadline = [DateTimeOffset]::UtcNow.AddSeconds($DurationSeconds)
try {
    while ([DateTimeOffset]::UtcNow -lt $deadline -and -not ($trades -ge $MaxTrades -and $exits -ge $trades)) {
        # A new entry only when every earlier trade has been seen to exit (through the events).
        if ($trades -lt $MaxTrades -and $exits -ge $trades -and -not $inPosition) {
            $bars = @(Get-PxBar $Symbol 1min -Count $SmaBars)
            # The module's SMA (Add-PxIndicator: TA-Lib's definition) over the bars returned; the last bar carries it.
            $sma = @($bars | Add-PxIndicator SMA -Period $bars.Count)[-1].SMA
            $last = $bars[-1].Close
            $side = if ($last -ge $sma) { 'Buy' } else { 'Sell' }
            $entry = New-PxOrder $Symbol $side $Size -StopLossTicks $StopLossTicks -TakeProfitTicks $TakeProfitTicks -Wait -Confirm:$false
            $entries.Add($entry.OrderId)
            $trades++
            $inPosition = $true
            'trade {0}: last close {1} vs SMA({2}) {3:0.00}: {4} {5} filled at {6}' -f $trades, $last, $bars.Count, $sma, $side, $Size, $entry.FilledPrice
        }
        Receive-StrategyEvent -Timeout 1
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
    # This strategy's bracket legs still working; no other order is touched.
    Get-PxOrder -Open -Symbol $Symbol | Where-Object ParentOrderId -In $entries | Stop-PxOrder -Confirm:$false
    # Let the last events arrive (the exit of a position closed just now), then unregister.
    $settle = [DateTimeOffset]::UtcNow.AddSeconds(10)
    while ($inPosition -and [DateTimeOffset]::UtcNow -lt $settle) { Receive-StrategyEvent -Timeout 1 }
    $positions = @(Get-PxPosition $Symbol)
    $orders = @(Get-PxOrder -Open -Symbol $Symbol | Where-Object ParentOrderId -In $entries)
    $portfolio = Get-PxPortfolio
}
catch {
    $failed = "$failed $($_.Exception.Message)".Trim()
}
finally {
    Unregister-Event -SourceIdentifier $fills -ErrorAction Ignore
    Unregister-Event -SourceIdentifier $positionEvents -ErrorAction Ignore
    Get-Event | Where-Object SourceIdentifier -In $fills, $positionEvents | Remove-Event
}

if ($failed) { $Host.UI.WriteErrorLine("BracketStrategy: $failed") }
"{0} trade(s), {1} fill event(s), {2} exit(s) seen; realized today {3:N2}, fees {4:N2}." -f $trades, $fillCount, $exits, $portfolio.RealizedPnL, $portfolio.Fees
Disconnect-ProjectX
if ($positions.Count -or $orders.Count) {
    $Host.UI.WriteErrorLine("BracketStrategy: NOT flat: $($positions.Count) position(s), $($orders.Count) working order(s) of its own on $Symbol.")
    exit 3
}
if ($failed) { exit 2 }
"Flat."
exit 0
