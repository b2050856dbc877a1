# The examples and the README tour, end to end, run as users run them: `pwsh -NonInteractive -File` by a scheduler
# (credentials from the environment, exit codes), or inside an interactive session. Against a simulator process of
# this file's own, checked through its REST API, or against the in-process simulator of the child pwsh.
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

Describe 'examples/Quickstart.ps1' {
    # -NoBuild: build.ps1 -Task Test has just built the module (the step -Task Demo runs first on its own).
    It 'is what ./build.ps1 -Task Demo runs in real pwsh: accounts, MNQ, bars, a bracket, the fill as an event, PnL, close, fills' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -File (Join-Path $script:Root 'build.ps1') -ArgumentList '-Task', 'Demo', '-NoBuild', '-Configuration', $env:PROJECTX_TEST_CONFIGURATION
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdErr | Should -BeNullOrEmpty
        # The build's own lines come first; the quickstart starts at section 1.
        $out = $result.StdOut.Substring($result.StdOut.IndexOf('== 1.'))
        ([regex]::Matches($out, '(?m)^== (\d)\.') | ForEach-Object { $_.Groups[1].Value }) -join '' | Should -Be '123456789'
        $out.TrimEnd() | Should -BeLike '*== Done.'
        $out | Should -Match 'PRAC-V2-DEMO-50K'
        $out | Should -Match 'MNQ\s+MNQ\w\d\s+CON\.F\.US\.MNQ\.\w+\s+0\.25\s+0\.50'
        $out | Should -Match 'Bars: MNQ 5min'
        $out | Should -Match '\d+\s+MNQ\w\d\s+Buy\s+1\s+Market\s+Filled\s+1 @ \d+\.\d\d'
        # The fill as the event delivered it, then the entry and the exit among the day's fills.
        $out | Should -Match '(?s)== 6\..*MNQ\w\d\s+Buy\s+1\s+\d+\.\d\d.*== 7\.'
        $out | Should -Match '(?s)== 9\..*MNQ\w\d\s+Buy\s+1\s.*MNQ\w\d\s+Sell\s+1\s'
        foreach ($line in $out -split '\r?\n') { $line.Length | Should -BeLessOrEqual 120 }
    }

    It 'inside an existing session: keeps its connection, leaves no job or subscription, cancels no order it did not place' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command @"
Import-Module '$script:ModuleManifest'
Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
`$mine = New-PxOrder MNQ Buy 1 -LimitPrice 1000 -Account PRAC-V2-DEMO-50K -Confirm:`$false
& '$script:Root/examples/Quickstart.ps1' | Out-Null
& '$script:Root/examples/Quickstart.ps1' | Out-Null
'account=' + (Get-PxConnection).Account
'jobs=' + @(Get-Job).Count
'subscribers=' + @(Get-EventSubscriber).Count
'events=' + @(Get-Event).Count
'mine=' + (Get-PxOrder -Id `$mine.OrderId -Account PRAC-V2-DEMO-50K).Status
"@
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdErr | Should -BeNullOrEmpty
        $result.StdOut -split '\r?\n' | Where-Object { $_ -match '^\w+=' } | Should -Be 'account=PRAC-V2-DEMO-150K', 'jobs=0', 'subscribers=0', 'events=0', 'mine=Open'
    }
}

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
        $result = Invoke-Example PnlMonitor.ps1 -ArgumentList '-Simulator', '-DurationSeconds', '2', '-IntervalSeconds', '1'
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdOut | Should -Match '(?m)^\d\d:\d\d:\d\d net 0[.,]00 \(realized 0[.,]00, fees 0[.,]00'
        $result.StdOut | Should -Match 'Done: the net PnL stayed above -500\.'
    }

    It 'flattens past the loss limit and exits 4' {
        # A 20-lot round trip costs its fees and the spread, and one contract stays open to be closed. Account 1002
        # is only this test's: its day's PnL must not carry another test's profit.
        Clear-SimulatorAccount 1002
        $null = Add-SimulatorOrder -AccountId 1002 -Size 20
        $null = Add-SimulatorOrder -AccountId 1002 -Side 1 -Size 20
        $null = Add-SimulatorOrder -AccountId 1002
        $null = Add-SimulatorOrder -AccountId 1002 -Resting
        $result = Invoke-Example PnlMonitor.ps1 -ArgumentList '-Account', 'PRAC-V2-DEMO-150K', '-LossLimit', '5', '-IntervalSeconds', '1', '-DurationSeconds', '60' -Environment (Get-GatewayEnvironment $script:Simulator)
        $result.ExitCode | Should -Be 4 -Because "$($result.StdOut)$($result.StdErr)"
        $result.StdOut | Should -Match 'Loss limit hit'
        # With the hubs connected, the open position's unrealized PnL is live (not "n/a").
        $result.StdOut | Should -Match 'unrealized -?[\d.,]+\), 1 open position'
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

Describe 'The README' {
    It 'the 30-second tour runs as written, in real pwsh' {
        $readme = Get-Content -Raw (Join-Path $script:Root 'README.md')
        $tour = [regex]::Match($readme, '## A 30-second tour\s+```powershell\n(?<code>.*?)```', 'Singleline')
        $tour.Success | Should -BeTrue
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command "Import-Module '$script:ModuleManifest'`n$($tour.Groups['code'].Value)"
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        $result.StdErr | Should -BeNullOrEmpty
        $result.StdOut | Should -Match 'Filled: Trade \d+ Buy 1 MNQ\w+ @'
        $result.StdOut | Should -Match 'Filled: Trade \d+ Sell 1 MNQ\w+ @'
    }

    It 'names the two commands exactly, and every example it names exists' {
        $readme = Get-Content -Raw (Join-Path $script:Root 'README.md')
        $readme | Should -BeLike '*dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo*'
        $readme | Should -BeLike '*dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test*'
        (Get-Content -Raw (Join-Path $script:Root '.ci/run')) | Should -BeLike '*dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test*'
        foreach ($script in [regex]::Matches($readme, 'examples/\w+\.ps1').Value) { Join-Path $script:Root $script | Should -Exist }
    }
}
