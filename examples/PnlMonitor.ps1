#Requires -Version 7.4
<#
.SYNOPSIS
    A PnL monitor: checks the day's PnL every few seconds and, past the loss limit, cancels every order and closes every position.

.DESCRIPTION
    The seed SDK's background monitor, as a script for a scheduler or a spare terminal. Every -IntervalSeconds, for
    -DurationSeconds, it reads Get-PxPortfolio. The day's net PnL is realized PnL minus fees plus unrealized PnL.
    Unrealized PnL is live when the realtime hubs are connected (the default), and 0 when they are not (-NoRealtime,
    or hubs that cannot be reached). When the net PnL falls to -LossLimit or below, the script flattens the account
    and stops.

    It never prompts, and its exit code says what happened:
        0  the duration ended within the limit
        2  cannot trade: no credentials, authentication failed, or the gateway is unreachable
        3  the limit was hit, but positions or orders are still left after flattening
        4  the limit was hit, and the account was flattened

    Credentials are found as in EndOfDayFlatten.ps1: -Credential, -SecretName, then PROJECTX_USERNAME/PROJECTX_API_KEY
    (and PROJECTX_ACCOUNT, PROJECTX_FIRM, PROJECTX_API_URL), then the SecretManagement secret named ProjectX. Without
    any of them it exits 2; -Simulator runs it against the in-process simulator.

    With pwsh:                pwsh -NonInteractive -File examples/PnlMonitor.ps1 -LossLimit 300 -DurationSeconds 23400
    With only the .NET SDK:   dotnet tool restore && dotnet pwsh -NonInteractive -File examples/PnlMonitor.ps1 -LossLimit 300
#>
[CmdletBinding()]
param(
    # The loss, in account currency, at which to flatten (a positive number: 300 means "at -300").
    [decimal] $LossLimit = 500,
    # Seconds between checks. Each check costs one or two REST calls (the budget is 200 calls a minute).
    [ValidateRange(1, 3600)]
    [int] $IntervalSeconds = 5,
    # How long to watch.
    [ValidateRange(1, 86400)]
    [int] $DurationSeconds = 30,
    [pscredential] $Credential,
    [string] $Account,
    [string] $Firm,
    [string] $SecretName,
    [switch] $Simulator,
    # Do not open the realtime hubs (unrealized PnL is then not included).
    [switch] $NoRealtime
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name ProjectX)) {
    Import-Module -Name "$PSScriptRoot/../out/ProjectX/ProjectX.psd1"
}

# --- Connect, unattended ---------------------------------------------------------------------------------------
$connect = @{ PassThru = $true; NoRealtime = $NoRealtime.IsPresent }
if ($Account) { $connect.Account = $Account }
if ($Simulator) { $connect.Simulator = $true }
elseif ($Credential) { $connect.Credential = $Credential }
elseif ($SecretName) { $connect.SecretName = $SecretName }
if ($Firm -and -not $Simulator) { $connect.Firm = $Firm }
try {
    # Without -Credential or -SecretName, Connect-ProjectX reads the environment, then the 'ProjectX' secret.
    $connection = Connect-ProjectX @connect
}
catch {
    $Host.UI.WriteErrorLine("PnlMonitor: cannot trade: $($_.Exception.Message)")
    exit 2
}

"Monitoring $($connection.Account) for $DurationSeconds s, every $IntervalSeconds s; flattening at a net PnL of -$LossLimit."

# --- Watch ---------------------------------------------------------------------------------------------------
$deadline = [DateTimeOffset]::UtcNow.AddSeconds($DurationSeconds)
$breached = $false
try {
    while ([DateTimeOffset]::UtcNow -lt $deadline) {
        $portfolio = Get-PxPortfolio
        $unrealized = if ($null -ne $portfolio.UnrealizedPnL) { $portfolio.UnrealizedPnL } else { [decimal]0 }
        $net = $portfolio.RealizedPnL - $portfolio.Fees + $unrealized
        '{0:HH:mm:ss} net {1:N2} (realized {2:N2}, fees {3:N2}, unrealized {4}), {5} open position(s)' -f
            [DateTimeOffset]::UtcNow, $net, $portfolio.RealizedPnL, $portfolio.Fees,
            $(if ($null -ne $portfolio.UnrealizedPnL) { '{0:N2}' -f $portfolio.UnrealizedPnL } else { 'n/a' }), $portfolio.OpenPositions
        if ($net -le -$LossLimit) {
            $breached = $true
            break
        }
        $left = ($deadline - [DateTimeOffset]::UtcNow).TotalSeconds
        Start-Sleep -Seconds ([math]::Max(0, [math]::Min($IntervalSeconds, $left)))
    }
}
catch {
    $Host.UI.WriteErrorLine("PnlMonitor: a check failed: $($_.Exception.Message)")
    Disconnect-ProjectX
    exit 2
}

if (-not $breached) {
    "Done: the net PnL stayed above -$LossLimit."
    Disconnect-ProjectX
    exit 0
}

# --- Flatten ---------------------------------------------------------------------------------------------------
"Loss limit hit: net $net is at or below -$LossLimit. Cancelling every order and closing every position."
try {
    $flattenBy = [DateTimeOffset]::UtcNow.AddSeconds(10)
    while ($true) {
        $orders = @(Get-PxOrder -Open)
        $positions = @(Get-PxPosition)
        if ($orders.Count -eq 0 -and $positions.Count -eq 0) { break }
        if ([DateTimeOffset]::UtcNow -ge $flattenBy) { break }
        # Each pass acts only on what the account still shows, so a failure (an order that fills as it is
        # cancelled, say) is reported and the next pass closes what it opened: -ErrorAction Continue.
        if ($orders.Count) { Stop-PxOrder -All -Confirm:$false -ErrorAction Continue }
        if ($positions.Count) { Close-PxPosition -All -Confirm:$false -ErrorAction Continue }
        Start-Sleep -Milliseconds 250
    }
}
catch {
    $Host.UI.WriteErrorLine("PnlMonitor: the flatten failed: $($_.Exception.Message)")
    Disconnect-ProjectX
    exit 3
}
Disconnect-ProjectX
if ($positions.Count -or $orders.Count) {
    $Host.UI.WriteErrorLine("PnlMonitor: NOT flat: $($positions.Count) position(s), $($orders.Count) working order(s) left.")
    exit 3
}
"Flat."
exit 4
