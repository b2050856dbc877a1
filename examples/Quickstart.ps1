#Requires -Version 7.4
<#
.SYNOPSIS
    ProjectX in one minute: connect to the offline simulator, list the accounts, resolve the MNQ contract.

.DESCRIPTION
    Needs no account and no network: Connect-ProjectX -Simulator starts the simulator inside this process.
    To use a real gateway instead, replace that line with, for example:
        Connect-ProjectX -Firm topstepx -Credential (Get-Credential)   # user name + API key

    Without pwsh:  dotnet run --project src/ProjectX.Shell -- -File examples/Quickstart.ps1
    With pwsh:     ./build.ps1 Build; ./examples/Quickstart.ps1
#>
[CmdletBinding()]
param()

$ErrorActionPreference = 'Stop'

# ProjectX.Shell has already imported the module; in pwsh, use the freshly built one if none is loaded.
if (-not (Get-Module -Name ProjectX)) {
    Import-Module -Name "$PSScriptRoot/../out/ProjectX/ProjectX.psd1"
}

$connection = Connect-ProjectX -Simulator -PassThru
"Connected to the simulator as '$($connection.UserName)'; default account: $($connection.Account)." | Out-Default

'Accounts:' | Out-Default
Get-PxAccount | Out-Default

'The MNQ (Micro E-mini Nasdaq-100) contract trading now:' | Out-Default
Get-PxInstrument -Symbol MNQ | Out-Default

Disconnect-ProjectX
