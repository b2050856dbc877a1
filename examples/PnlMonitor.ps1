#Requires -Version 7.4
<#
.SYNOPSIS
    A PnL monitor built on the risk guard: a daily loss limit on the CME trading day; at the limit the guard cancels
    every order, closes every position and locks the account until the next trading day.

.DESCRIPTION
    For a scheduler or a spare terminal. The script gives the account a daily loss limit (Set-PxRiskRule; -RiskProfile
    starts from a preset such as Topstep50K) and prints Get-PxRiskStatus every -IntervalSeconds for -DurationSeconds.
    The guard does the work: it counts the trading day's PnL (realized plus unrealized, net of fees; unrealized needs
    the realtime hubs, which are on unless -NoRealtime), and at the limit it flattens and locks. While this runs, every
    order the session sends is checked first. See about_ProjectX_Risk.

    It never prompts, and its exit code says what happened:
        0  the duration ended within the limit
        2  cannot trade: no credentials, authentication failed, the gateway is unreachable, or bad rules
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
    # The day's loss, in account currency, at which the guard flattens and locks (300 means "at -300").
    [decimal] $LossLimit = 500,
    # A preset (Topstep50K, Topstep100K, Topstep150K) or rules file to start from; -LossLimit overrides its daily limit.
    [string] $RiskProfile,
    # The guard's state file (default: per user and account).
    [string] $StatePath,
    [ValidateRange(1, 3600)]
    [int] $IntervalSeconds = 5,
    [ValidateRange(1, 86400)]
    [int] $DurationSeconds = 30,
    [pscredential] $Credential,
    [string] $Account,
    [string] $Firm,
    [string] $SecretName,
    [switch] $Simulator,
    # Do not open the realtime hubs (the guard then polls over REST and counts realized losses only).
    [switch] $NoRealtime
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name ProjectX)) {
    Import-Module -Name "$PSScriptRoot/../out/ProjectX/ProjectX.psd1"
}

$connect = @{ PassThru = $true; NoRealtime = $NoRealtime.IsPresent }
if ($Account) { $connect.Account = $Account }
if ($Simulator) { $connect.Simulator = $true }
elseif ($Credential) { $connect.Credential = $Credential }
elseif ($SecretName) { $connect.SecretName = $SecretName }
if ($Firm -and -not $Simulator) { $connect.Firm = $Firm }
$rules = @{ DailyLossLimit = $LossLimit }
if ($RiskProfile) { if (Test-Path -LiteralPath $RiskProfile) { $rules.Path = $RiskProfile } else { $rules.Preset = $RiskProfile } }
if ($StatePath) { $rules.StatePath = $StatePath }
try {
    $connection = Connect-ProjectX @connect
    Set-PxRiskRule @rules
}
catch {
    $Host.UI.WriteErrorLine("PnlMonitor: cannot trade: $($_.Exception.Message)")
    exit 2
}

"Guarding $($connection.Account) for $DurationSeconds s: flatten and lock at a day's loss of $LossLimit."
$deadline = [DateTimeOffset]::UtcNow.AddSeconds($DurationSeconds)
try {
    do {
        $status = Get-PxRiskStatus
        '{0:HH:mm:ss} day {1:yyyy-MM-dd} PnL {2:N2} (unrealized {3}), {4:N2} left, {5} open position(s)' -f [DateTimeOffset]::UtcNow,
            $status.TradingDay, $status.DayPnL, $(if ($null -ne $status.UnrealizedPnL) { '{0:N2}' -f $status.UnrealizedPnL } else { 'n/a' }),
            $status.DailyLossLeft, $status.OpenPositions
        if ($status.Locked) { break }
        Start-Sleep -Seconds ([math]::Max(0, [math]::Min($IntervalSeconds, ($deadline - [DateTimeOffset]::UtcNow).TotalSeconds)))
    } while ([DateTimeOffset]::UtcNow -lt $deadline)
}
catch {
    $Host.UI.WriteErrorLine("PnlMonitor: a check failed: $($_.Exception.Message)")
    Disconnect-ProjectX
    exit 2
}

if (-not $status.Locked) {
    "Done: the day's loss stayed under $LossLimit."
    Disconnect-ProjectX
    exit 0
}

# The guard flattens as it locks; read (only read) until the account shows flat.
"Loss limit hit: $($status.LockReason) The guard is flattening."
$flatBy = [DateTimeOffset]::UtcNow.AddSeconds(15)
do {
    $left = @(Get-PxPosition) + @(Get-PxOrder -Open)
    if (-not $left.Count) { break }
    Start-Sleep -Milliseconds 250
} while ([DateTimeOffset]::UtcNow -lt $flatBy)
Disconnect-ProjectX
if ($left.Count) {
    $Host.UI.WriteErrorLine("PnlMonitor: NOT flat: $($left.Count) position(s) or working order(s) left.")
    exit 3
}
"Flat. Locked until the next trading day."
exit 4
