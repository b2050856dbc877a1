# Unattended runs: pwsh -NonInteractive, or no console input at all (cron's /dev/null), where nobody can answer a prompt.
# Each case is a child pwsh with the in-process simulator, so what it did or did not send is read in that same process.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:ModuleManifest = Get-ModuleManifestPath
    # Each command runs with an open position (and, for Stop-PxOrder, a working order) to act on.
    $script:Commands = 'New-PxOrder MNQ Buy 1 -Confirm', 'Close-PxPosition -All', 'Stop-PxOrder -All', 'Close-PxPosition -All -Confirm:$false'

    <# One child pwsh per way of being unanswerable: each command reports its error and what it changed on the account. #>
    function script:Invoke-Unanswerable([switch] $NullInput, [string[]] $PwshOption = @()) {
        $result = Invoke-TestPwsh -PwshOption $PwshOption -NullInput:$NullInput -Command @"
Import-Module '$script:ModuleManifest'
Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
foreach (`$command in `$env:PX_TEST_COMMANDS -split '\|') {
    Close-PxPosition -All -Confirm:`$false; Stop-PxOrder -All -Confirm:`$false
    New-PxOrder MNQ Buy 1 -Confirm:`$false | Out-Null
    New-PxOrder MNQ Buy 1 -LimitPrice 1000 -Confirm:`$false | Out-Null
    `$before = @(Get-PxOrder -Since ([datetime]::UtcNow.AddHours(-1))).Count
    `$report = [ordered]@{ command = `$command; id = ''; category = ''; message = ''; type = '' }
    try { & ([scriptblock]::Create(`$command)) | Out-Null }
    catch { `$report.id = `$_.FullyQualifiedErrorId; `$report.category = "`$(`$_.CategoryInfo.Category)"; `$report.message = `$_.Exception.Message; `$report.type = `$_.Exception.GetType().Name }
    `$report.sent = @(Get-PxOrder -Since ([datetime]::UtcNow.AddHours(-1))).Count - `$before
    `$report.positions = @(Get-PxPosition).Count
    `$report.working = @(Get-PxOrder -Open).Count
    # A prompt the host began to show may precede the line: the marker finds it.
    '@@' + ([pscustomobject]`$report | ConvertTo-Json -Compress)
}
"@ -Environment @{ PX_TEST_COMMANDS = $script:Commands -join '|' }
        $reports = @{}
        foreach ($line in $result.StdOut -split '\r?\n') {
            if ($line -match '@@(\{.*\})$') { $report = $Matches[1] | ConvertFrom-Json; $reports[$report.command] = $report }
        }
        $reports.Count | Should -Be $script:Commands.Count -Because "$($result.StdOut)$($result.StdErr)"
        $reports
    }
}

Describe 'A confirmation nobody can answer (<How>)' -ForEach @(
    @{ How = 'pwsh -NonInteractive'; Options = @('-NonInteractive'); NullInput = $false }
    @{ How = 'stdin at /dev/null'; Options = @(); NullInput = $true }) {
    BeforeAll { $reports = Invoke-Unanswerable -PwshOption $Options -NullInput:$NullInput }

    It '<Command> is a ConfirmationUnavailable InvalidOperation that says -Confirm:$false, and sends nothing' -ForEach @(
        @{ Command = 'New-PxOrder MNQ Buy 1 -Confirm' }, @{ Command = 'Close-PxPosition -All' }, @{ Command = 'Stop-PxOrder -All' }) {
        $report = $reports[$Command]
        $report.id | Should -BeLike 'ProjectX.ConfirmationUnavailable,*'
        $report.category | Should -Be 'InvalidOperation'
        $report.message | Should -BeLike '*-Confirm:$false*'
        $report.type | Should -Be 'InvalidOperationException'
        "sent $($report.sent), positions $($report.positions), working $($report.working)" | Should -Be 'sent 0, positions 1, working 1'
    }

    It '-Confirm:$false proceeds' {
        $report = $reports['Close-PxPosition -All -Confirm:$false']
        $report.id | Should -BeNullOrEmpty
        $report.positions | Should -Be 0
    }
}

Describe 'A script that fails' {
    It 'a terminating error ends pwsh -File with exit code 1 and the error on stderr' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command "Import-Module '$script:ModuleManifest'; `$ErrorActionPreference = 'Stop'; Get-PxAccount"
        $result.ExitCode | Should -Be 1
        $result.StdErr | Should -Match 'Connect-ProjectX'
    }
}
