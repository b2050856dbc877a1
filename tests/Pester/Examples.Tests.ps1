# The scheduled examples, end to end, run as a scheduler runs them: `pwsh -NonInteractive -File`, credentials from the
# environment, exit codes. Against a simulator process of this file's own, checked through its REST API, or against
# the in-process simulator of the child pwsh. (The quickstart and the README: Quickstart.Tests.ps1.)
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:Root = Get-RepoRoot
    $script:ModuleManifest = Get-ModuleManifestPath
    $script:Simulator = Start-TestSimulator
    $script:Mnq = (Invoke-SimulatorApi $script:Simulator 'Contract/search' @{ searchText = 'MNQ'; live = $false }).contracts | Where-Object activeContract | Select-Object -First 1 -ExpandProperty id

    function script:Invoke-Example([string] $Name, [string[]] $ArgumentList = @(), [hashtable] $Environment = @{}) {
        Invoke-TestPwsh -PwshOption -NonInteractive -File (Join-Path $script:Root "examples/$Name") -ArgumentList $ArgumentList -Environment $Environment
    }
    <# A market order (side 0 buys, 1 sells) or a buy limit far below the market, placed over REST, not by the module. #>
    function script:Add-SimulatorOrder([int] $AccountId = 1001, [int] $Side = 0, [int] $Size = 1, [switch] $Resting) {
        $order = @{ accountId = $AccountId; contractId = $script:Mnq; type = 2; side = $Side; size = $Size }
        if ($Resting) { $order.type = 1; $order.limitPrice = 1000 }
        (Invoke-SimulatorApi $script:Simulator 'Order/place' $order).orderId
    }
    function script:Get-WorkingOrderCount([int] $AccountId = 1001) { @((Invoke-SimulatorApi $script:Simulator 'Order/searchOpen' @{ accountId = $AccountId }).orders).Count }
    function script:Clear-SimulatorAccount([int] $AccountId = 1001) {
        foreach ($order in (Invoke-SimulatorApi $script:Simulator 'Order/searchOpen' @{ accountId = $AccountId }).orders) { $null = Invoke-SimulatorApi $script:Simulator 'Order/cancel' @{ accountId = $AccountId; orderId = $order.id } }
        foreach ($position in Get-SimulatorPosition $script:Simulator $AccountId) { $null = Invoke-SimulatorApi $script:Simulator 'Position/closeContract' @{ accountId = $AccountId; contractId = $position.contractId } }
    }
}

AfterAll { Stop-TestSimulator $script:Simulator }

Describe 'examples/EndOfDayFlatten.ps1' {
    BeforeEach { Clear-SimulatorAccount }

    It 'cancels the orders and closes the positions of the account in the environment' {
        $null = Add-SimulatorOrder -Size 2
        $null = Add-SimulatorOrder -Resting
        $result = Invoke-Example EndOfDayFlatten.ps1 -Environment (Get-GatewayEnvironment $script:Simulator)
        $result.ExitCode | Should -Be 0 -Because "$($result.StdOut)$($result.StdErr)"
        $result.StdOut | Should -Match 'PRAC-V2-DEMO-50K: 1 working order\(s\), 1 open position\(s\)\.'
        $result.StdOut | Should -Match 'flat\. No working orders, no open positions\.'
        Get-SimulatorPosition $script:Simulator | Should -BeNullOrEmpty
        Get-WorkingOrderCount | Should -Be 0
    }

    It '-WhatIf rehearses the flatten: says what it would do and sends nothing' {
        $null = Add-SimulatorOrder -Size 2
        $null = Add-SimulatorOrder -Resting
        $result = Invoke-Example EndOfDayFlatten.ps1 -ArgumentList '-WhatIf' -Environment (Get-GatewayEnvironment $script:Simulator)
        $result.ExitCode | Should -Be 0 -Because "$($result.StdOut)$($result.StdErr)"
        $result.StdOut | Should -Match 'What if: .*Cancel all 1 working order'
        $result.StdOut | Should -Match 'What if: .*Close all 1 open position'
        $result.StdOut | Should -Match 'rehearsal \(-WhatIf\): nothing was sent'
        @(Get-SimulatorPosition $script:Simulator).Count | Should -Be 1
        Get-WorkingOrderCount | Should -Be 1
    }

    It 'runs against the in-process simulator with -Simulator' {
        $result = Invoke-Example EndOfDayFlatten.ps1 -ArgumentList '-Simulator'
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdOut | Should -Match 'PRAC-V2-DEMO-50K: flat\.'
    }

    It 'exits 2 on <Case>, without prompting and without the key' -ForEach @(
        @{ Case = 'a bad API key'; Expected = 'EndOfDayFlatten: cannot trade:'; Environment = 'bad-key' }
        @{ Case = 'no credentials'; Expected = 'No ProjectX credentials'; Environment = 'none' }
        @{ Case = 'an unreachable gateway'; Expected = 'cannot trade'; Environment = 'unreachable' }) {
        $environment = switch ($Environment) {
            'bad-key' { Get-GatewayEnvironment $script:Simulator -ApiKey 'not-the-key' }
            'none' { @{} }
            'unreachable' { @{ PROJECTX_USERNAME = 'demo'; PROJECTX_API_KEY = 'k'; PROJECTX_API_URL = "http://127.0.0.1:$(Get-FreeTcpPort)" } }
        }
        $result = Invoke-Example EndOfDayFlatten.ps1 -Environment $environment
        $result.ExitCode | Should -Be 2 -Because "$($result.StdOut)$($result.StdErr)"
        $result.StdErr | Should -Match ([regex]::Escape($Expected))
        "$($result.StdOut)$($result.StdErr)" | Should -Not -Match 'not-the-key'
    }
}

Describe 'examples/PnlMonitor.ps1' {
    It 'watches for its duration and exits 0 within the limit' {
        $result = Invoke-Example PnlMonitor.ps1 -ArgumentList '-Simulator', '-DurationSeconds', '2', '-IntervalSeconds', '1', '-StatePath', (Join-Path $TestDrive 'in-process.json')
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdOut | Should -Match '(?m)^\d\d:\d\d:\d\d day \d{4}-\d\d-\d\d PnL 0[.,]00 \(unrealized 0[.,]00\), 500[.,]00 left, 0 open'
        $result.StdOut | Should -Match 'Done: the day''s loss stayed under 500\.'
    }

    It 'flattens past the loss limit and exits 4' {
        # A 20-lot round trip costs its fees and the spread, and one contract stays open to be closed. Account 1002
        # is only this test's: its day's PnL must not carry another test's profit.
        Clear-SimulatorAccount 1002
        $null = Add-SimulatorOrder -AccountId 1002 -Size 20
        $null = Add-SimulatorOrder -AccountId 1002 -Side 1 -Size 20
        $null = Add-SimulatorOrder -AccountId 1002
        $null = Add-SimulatorOrder -AccountId 1002 -Resting
        $result = Invoke-Example PnlMonitor.ps1 -ArgumentList '-Account', 'PRAC-V2-DEMO-150K', '-LossLimit', '5', '-IntervalSeconds', '1', '-DurationSeconds', '60', '-StatePath', (Join-Path $TestDrive 'account-1002.json') -Environment (Get-GatewayEnvironment $script:Simulator)
        $result.ExitCode | Should -Be 4 -Because "$($result.StdOut)$($result.StdErr)"
        $result.StdOut | Should -Match 'Loss limit hit: The day''s loss of [\d.,]+ reached the daily loss limit of 5[.,]00\.'
        $result.StdOut | Should -Match 'Flat\. Locked until the next trading day\.'
        Get-SimulatorPosition $script:Simulator 1002 | Should -BeNullOrEmpty
        Get-WorkingOrderCount 1002 | Should -Be 0
    }

    It 'exits 2 on a bad API key' {
        $result = Invoke-Example PnlMonitor.ps1 -Environment (Get-GatewayEnvironment $script:Simulator -ApiKey 'not-the-key')
        $result.ExitCode | Should -Be 2
        $result.StdErr | Should -Match 'PnlMonitor: cannot trade:'
    }
}

Describe 'examples/BracketStrategy.ps1' {
    BeforeEach { Clear-SimulatorAccount }

    It 'trades a bracket, follows it through events, ends flat, and cancels no order it did not place' {
        $theirs = Add-SimulatorOrder -Resting
        $result = Invoke-Example BracketStrategy.ps1 -ArgumentList '-DurationSeconds', '10', '-SmaBars', '10' -Environment (Get-GatewayEnvironment $script:Simulator)
        $result.ExitCode | Should -Be 0 -Because "$($result.StdOut)$($result.StdErr)"
        $result.StdOut | Should -Match 'trade 1: last close [\d.]+ vs SMA\(10\) [\d.]+: (Buy|Sell) 1 filled at [\d.]+'
        $result.StdOut | Should -Match 'event: fill (Buy|Sell) 1 @ [\d.]+'
        $result.StdOut | Should -Match 'event: position (Long|Short) 1 @'
        $result.StdOut | Should -Match '1 trade\(s\), 2 fill event\(s\), 1 exit\(s\) seen'
        $result.StdOut | Should -Match 'Flat\.'
        Get-SimulatorPosition $script:Simulator | Should -BeNullOrEmpty
        @((Invoke-SimulatorApi $script:Simulator 'Order/searchOpen' @{ accountId = 1001 }).orders.id) | Should -Be $theirs
    }

    It 'exits 2 before trading on a bad API key' {
        $result = Invoke-Example BracketStrategy.ps1 -Environment (Get-GatewayEnvironment $script:Simulator -ApiKey 'not-the-key')
        $result.ExitCode | Should -Be 2
        $result.StdErr | Should -Match 'BracketStrategy: cannot trade:'
        $result.StdOut | Should -Not -Match 'trade 1:'
    }
}
