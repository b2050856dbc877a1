#Requires -Version 7.4
<#
.SYNOPSIS
    A scheduled end-of-day flatten: cancel every working order, close every position, and check that the account is flat.

.DESCRIPTION
    Written for a scheduler (cron, Task Scheduler, a CI job). It never prompts, and its exit code says what happened:
        0  flat: orders cancelled and positions closed (or there were none)
        2  cannot trade: no credentials, authentication failed, or the gateway is unreachable
        3  not flat: positions or working orders are left after -VerifySeconds

    -WhatIf rehearses the flatten: it connects, lists what it would cancel and close ("What if:" lines), sends
    nothing, and exits 0.

    Where the credentials come from (the first one found wins):
        1. -Credential: a PSCredential whose user name is the ProjectX user and whose password is the API key;
        2. -SecretName: that SecretManagement secret (Get-Secret);
        3. the environment: PROJECTX_USERNAME and PROJECTX_API_KEY, with optional PROJECTX_ACCOUNT, PROJECTX_FIRM and
           PROJECTX_API_URL (project-x-py's PROJECT_X_USERNAME, PROJECT_X_API_KEY and PROJECT_X_ACCOUNT_NAME work too);
        4. the SecretManagement secret named ProjectX, when that module is installed.
    Without any of them the script exits 2: it never falls back to a demo. -Simulator runs it against the
    in-process simulator instead, which has nothing to flatten until you trade on it.

    With pwsh:                pwsh -NonInteractive -File examples/EndOfDayFlatten.ps1
    With only the .NET SDK:   dotnet tool restore && dotnet pwsh -NonInteractive -File examples/EndOfDayFlatten.ps1

.EXAMPLE
    PS> $env:PROJECTX_USERNAME = 'me'; $env:PROJECTX_API_KEY = '...'; $env:PROJECTX_ACCOUNT = 'PRAC-V2-12345'
    PS> ./examples/EndOfDayFlatten.ps1 -Firm topstepx

.EXAMPLE
    PS> ./examples/EndOfDayFlatten.ps1 -WhatIf
    Rehearses the flatten: shows what it would cancel and close, and sends nothing.
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    # The ProjectX user name and, as the password, the API key.
    [pscredential] $Credential,
    # The account to flatten, by name or id (default: PROJECTX_ACCOUNT, else the first account that can trade).
    [string] $Account,
    # A firm preset such as topstepx (default: PROJECTX_FIRM, else TopstepX).
    [string] $Firm,
    # A SecretManagement secret to use instead of the environment (see Get-Help Connect-ProjectX -Parameter SecretName).
    [string] $SecretName,
    # Run against the in-process simulator (a demo) instead of a gateway.
    [switch] $Simulator,
    # How long to keep checking that the account is flat.
    [int] $VerifySeconds = 10
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Module -Name ProjectX)) {
    Import-Module -Name "$PSScriptRoot/../out/ProjectX/ProjectX.psd1"
}

# --- Connect, unattended ---------------------------------------------------------------------------------------
# Flattening needs only REST: -NoRealtime keeps the job independent of the hubs.
$connect = @{ NoRealtime = $true; PassThru = $true }
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
    $Host.UI.WriteErrorLine("EndOfDayFlatten: cannot trade: $($_.Exception.Message)")
    exit 2
}

# --- Flatten and verify ---------------------------------------------------------------------------------------
try {
    $orders = @(Get-PxOrder -Open)
    $positions = @(Get-PxPosition)
    "$($connection.Account): $($orders.Count) working order(s), $($positions.Count) open position(s)."

    # Orders first, so that nothing opens a new position while the positions are being closed. A failure here
    # (an order that fills as it is cancelled, say) is reported but must not stop the flatten: -ErrorAction
    # Continue, and the loop below reads the account again and closes what the fill opened.
    # Under -WhatIf ($WhatIfPreference reaches these cmdlets), each says what it would do and sends nothing.
    if ($orders.Count) { Stop-PxOrder -All -Confirm:$false -ErrorAction Continue }
    if ($positions.Count) { Close-PxPosition -All -Confirm:$false -ErrorAction Continue }
    if ($WhatIfPreference) {
        "$($connection.Account): rehearsal (-WhatIf): nothing was sent."
        Disconnect-ProjectX
        exit 0
    }

    # A close is a market order, and closing a position can release bracket legs: check until flat or out of time.
    $deadline = [DateTimeOffset]::UtcNow.AddSeconds($VerifySeconds)
    while ($true) {
        $positions = @(Get-PxPosition)
        $orders = @(Get-PxOrder -Open)
        if ($positions.Count -eq 0 -and $orders.Count -eq 0) { break }
        if ([DateTimeOffset]::UtcNow -ge $deadline) { break }
        if ($orders.Count) { Stop-PxOrder -All -Confirm:$false -ErrorAction Continue }
        if ($positions.Count) { Close-PxPosition -All -Confirm:$false -ErrorAction Continue }
        Start-Sleep -Milliseconds 250
    }
}
catch {
    $Host.UI.WriteErrorLine("EndOfDayFlatten: the flatten failed: $($_.Exception.Message)")
    Disconnect-ProjectX
    exit 3
}

if ($positions.Count -or $orders.Count) {
    $Host.UI.WriteErrorLine("EndOfDayFlatten: NOT flat after $VerifySeconds s: $($positions.Count) position(s), $($orders.Count) working order(s) left.")
    $positions | Out-Default
    $orders | Out-Default
    Disconnect-ProjectX
    exit 3
}

"$($connection.Account): flat. No working orders, no open positions."
Disconnect-ProjectX
exit 0
