#Requires -Version 7.4
<#
.SYNOPSIS
    ProjectX in one minute: connect to the offline simulator, look at the market, trade a bracket order, react
    to its fill with a PowerShell event, and read the position, its PnL and the fills.

.DESCRIPTION
    Needs no account and no network: Connect-ProjectX -Simulator starts the simulator (REST and both realtime
    hubs) inside this process. To use a real gateway instead, replace that line with, for example:
        Connect-ProjectX -Firm topstepx -Credential (Get-Credential)   # user name + API key
    and start on a Practice account: the order below is real there.

    It runs inside an existing session too: it uses a connection of its own (-NotDefault), so the session's default
    connection stays as it was, and it leaves no event subscription or job behind. It cancels only the orders it
    placed.

    On a machine with only the .NET SDK:  dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo
    In pwsh, after ./build.ps1:            ./examples/Quickstart.ps1
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'

# Use the freshly built module when none is loaded.
if (-not (Get-Module -Name ProjectX)) {
    Import-Module -Name "$PSScriptRoot/../out/ProjectX/ProjectX.psd1"
}

# 1. Connect. -NotDefault keeps the session's own default connection (if it has one) as it is; inside this script,
# $PSDefaultParameterValues passes this connection to every ProjectX command, so none of them needs -Connection.
$connection = Connect-ProjectX -Simulator -NotDefault -PassThru
$PSDefaultParameterValues = @{ '*-Px*:Connection' = $connection; 'Disconnect-ProjectX:Connection' = $connection }
"== 1. Connected to the simulator as '$($connection.UserName)'; default account: $($connection.Account)." | Out-Default

# 2. The accounts this user can see.
'== 2. Accounts' | Out-Default
Get-PxAccount | Out-Default

# 3. A root symbol resolves to the contract trading now.
'== 3. The MNQ (Micro E-mini Nasdaq-100) contract' | Out-Default
Get-PxInstrument -Symbol MNQ | Out-Default

# 4. History: the last ten closed 5-minute bars.
'== 4. The last ten 5-minute bars' | Out-Default
Get-PxBar -Symbol MNQ -Timeframe 5min -Count 10 | Out-Default

# 6 (set up before the order). Fills arrive as PowerShell events; without -Action they queue for Wait-Event.
$fills = 'Quickstart.Fills.' + [guid]::NewGuid().ToString('n')
Register-PxEvent -EventName TradeExecuted -Symbol MNQ -SourceIdentifier $fills
try {
    # 5. A bracket: buy 1 at the market with a stop loss 40 ticks below and a take profit 80 ticks above the fill.
    # A tag must be unique in the account, so a second run in the same session gets a new one.
    '== 5. Bracket order: buy 1 MNQ at the market, stop loss 40 ticks, take profit 80 ticks' | Out-Default
    $tag = 'quickstart-' + [guid]::NewGuid().ToString('n').Substring(0, 8)
    $entry = New-PxOrder -Symbol MNQ -Side Buy -Size 1 -StopLossTicks 40 -TakeProfitTicks 80 -Tag $tag -Wait -Confirm:$false
    $entry | Out-Default

    # 6. The fill, as the event delivered it.
    '== 6. The fill, as the TradeExecuted event delivered it' | Out-Default
    $fill = Wait-Event -SourceIdentifier $fills -Timeout 10
    if ($fill) {
        $fill.SourceEventArgs.Trade | Out-Default
        $fill | Remove-Event
    }

    # 7. The position, marked to the live price.
    '== 7. Position with live unrealized PnL' | Out-Default
    Get-PxPosition -Symbol MNQ | Out-Default

    # 8. Flatten: close the position, then cancel this entry's bracket legs (and nothing else). Piping the position in
    # closes only what is there: if the market already hit a leg, there is nothing left to close.
    '== 8. Close the position and cancel the bracket legs' | Out-Default
    Get-PxPosition -Symbol MNQ | Close-PxPosition -Confirm:$false
    Get-PxOrder -Open | Where-Object ParentOrderId -EQ $entry.OrderId | Stop-PxOrder -Confirm:$false
    Get-PxPortfolio | Out-Default

    # 9. Today's fills: the entry and the exit.
    '== 9. Fills' | Out-Default
    Get-PxTrade -Symbol MNQ | Out-Default
}
finally {
    Unregister-Event -SourceIdentifier $fills
    Get-Event -SourceIdentifier $fills -ErrorAction Ignore | Remove-Event
    Disconnect-ProjectX
}
'== Done.' | Out-Default
