# Unattended runs: pwsh -NonInteractive, or no console input at all (cron's /dev/null), where nobody can answer a prompt.
# Each case is a child pwsh with the in-process simulator, so what it did or did not send is read in that same process.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:ModuleManifest = Get-ModuleManifestPath

    <# Runs $Command after connecting, then reports the error it raised and how many orders and positions it left. #>
    function script:Invoke-Unanswerable([string] $Command, [switch] $NullInput, [string[]] $PwshOption = @(), [string] $Setup = '') {
        Invoke-TestPwsh -PwshOption $PwshOption -NullInput:$NullInput -Command @"
Import-Module '$script:ModuleManifest'
Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
New-PxOrder MNQ Buy 1 -Confirm:`$false | Out-Null
$Setup
`$before = @(Get-PxOrder -Since ([datetime]::UtcNow.AddHours(-1))).Count
try { $Command; 'not reached' }
catch { '@@id=' + `$_.FullyQualifiedErrorId; '@@category=' + `$_.CategoryInfo.Category; '@@message=' + `$_.Exception.Message; '@@type=' + `$_.Exception.GetType().Name }
'@@sent=' + (@(Get-PxOrder -Since ([datetime]::UtcNow.AddHours(-1))).Count - `$before)
'@@positions=' + @(Get-PxPosition).Count
"@
    }

    function script:Get-Reported($Result) {
        $report = @{}
        # A prompt the host began to show may precede the first line on the same line.
        foreach ($line in $Result.StdOut -split '\r?\n') {
            if ($line -match '@@(\w+)=(.*)$') { $report[$Matches[1]] = $Matches[2] }
        }
        $report
    }
}

Describe 'A confirmation nobody can answer' {
    It '<Command> with <How> is a ConfirmationUnavailable InvalidOperation that says -Confirm:$false, and sends nothing' -ForEach @(
        @{ Command = 'New-PxOrder MNQ Buy 1 -Confirm'; How = '-NonInteractive'; Options = @('-NonInteractive'); NullInput = $false }
        @{ Command = 'New-PxOrder MNQ Buy 1 -Confirm'; How = 'stdin at /dev/null'; Options = @(); NullInput = $true }
        @{ Command = 'Close-PxPosition -All'; How = '-NonInteractive'; Options = @('-NonInteractive'); NullInput = $false }
        @{ Command = 'Close-PxPosition -All'; How = 'stdin at /dev/null'; Options = @(); NullInput = $true }
        @{ Command = 'Stop-PxOrder -All'; How = 'stdin at /dev/null'; Options = @(); NullInput = $true }) {
        $setup = if ($Command -like 'Stop-PxOrder*') { 'New-PxOrder MNQ Buy 1 -LimitPrice 1000 -Confirm:$false | Out-Null' } else { '' }
        $result = Invoke-Unanswerable $Command -NullInput:$NullInput -PwshOption $Options -Setup $setup
        $report = Get-Reported $result
        $report.id | Should -BeLike 'ProjectX.ConfirmationUnavailable,*' -Because "$($result.StdOut)$($result.StdErr)"
        $report.category | Should -Be 'InvalidOperation'
        $report.message | Should -BeLike '*-Confirm:$false*'
        $report.type | Should -Be 'InvalidOperationException'
        $report.sent | Should -Be 0
        $report.positions | Should -Be 1
    }

    It '-Confirm:$false in the same session proceeds' {
        $report = Get-Reported (Invoke-Unanswerable 'Close-PxPosition -All -Confirm:$false' -PwshOption '-NonInteractive')
        $report.id | Should -BeNullOrEmpty
        $report.positions | Should -Be 0
    }
}

Describe 'A script run with credentials from the environment' {
    It 'connects from PROJECTX_* in -NonInteractive and exits with the script''s code' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Environment @{ PROJECTX_USERNAME = 'demo'; PROJECTX_API_KEY = 'demo-api-key' } -Command @"
Import-Module '$script:ModuleManifest'
try { Connect-ProjectX -TimeoutSec 5 -NoRealtime } catch { `$_.FullyQualifiedErrorId.Split(',')[0]; exit 2 }
exit 0
"@
        # The environment names TopstepX by default, which this machine cannot reach: a clear failure, exit 2.
        $result.ExitCode | Should -Be 2
        $result.StdOut.Trim() | Should -BeIn 'ProjectX.ConnectionFailed', 'ProjectX.Timeout'
    }

    It 'a terminating error ends pwsh -File with exit code 1 and the error on stderr' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command "Import-Module '$script:ModuleManifest'; `$ErrorActionPreference = 'Stop'; Get-PxAccount"
        $result.ExitCode | Should -Be 1
        $result.StdErr | Should -Match 'Connect-ProjectX'
    }
}
