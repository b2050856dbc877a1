# The ErrorId and category of every bad input: caught before anything is sent, terminating or not as documented.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
}

AfterAll { try { Disconnect-ProjectX } catch { } }

Describe 'Without a connection' {
    BeforeAll { try { Disconnect-ProjectX } catch { } }

    It '<Command> stops with NotConnected, a ConnectionError that says what to do' -ForEach @(
        'Get-PxConnection', 'Disconnect-ProjectX', 'Get-PxAccount', 'Get-PxInstrument MNQ', 'Get-PxBar MNQ', 'New-PxOrder MNQ Buy 1 -Confirm:$false', 'Get-PxOrder',
        'Set-PxOrder 1 -Size 2 -Confirm:$false', 'Stop-PxOrder 1 -Confirm:$false', 'Wait-PxOrder 1', 'Get-PxPosition', 'Close-PxPosition MNQ -Confirm:$false',
        'Get-PxTrade', 'Get-PxPortfolio', 'Get-PxQuote MNQ', 'Watch-PxQuote MNQ', 'Get-PxOrderBook MNQ', 'Start-PxDataFeed MNQ', 'Stop-PxDataFeed',
        'Register-PxEvent Quote' | ForEach-Object { @{ Command = $_ } }) {
        $caught = try { & ([scriptblock]::Create($Command)); 'not reached' } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.NotConnected,*'
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
        $caught.Exception.Message | Should -BeLike '*Connect-ProjectX*'
    }
}

Describe 'Bad input' {
    BeforeAll { Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K }

    It '<Command> fails with <ErrorId> before any call' -ForEach @(
        @{ Command = 'New-PxOrder MNQ Buy -Size 0 -Confirm:$false'; ErrorId = 'ProjectX.InvalidSize' }
        @{ Command = 'New-PxOrder MNQ Buy -Size -1 -Confirm:$false'; ErrorId = 'ProjectX.InvalidSize' }
        @{ Command = 'Set-PxOrder 1 -Size 0 -Confirm:$false'; ErrorId = 'ProjectX.InvalidSize' }
        @{ Command = 'Set-PxOrder 1 -Confirm:$false'; ErrorId = 'ProjectX.NothingToModify' }
        @{ Command = 'Close-PxPosition MNQ -Size -3 -Confirm:$false'; ErrorId = 'ProjectX.InvalidSize' }
        @{ Command = 'Get-PxBar MNQ -Timeframe 0min'; ErrorId = 'ProjectX.InvalidTimeframe' }
        @{ Command = 'Get-PxBar MNQ -Timeframe 1000s'; ErrorId = 'ProjectX.InvalidTimeframe' }
        @{ Command = 'Get-PxBar MNQ -Timeframe 5x'; ErrorId = 'ProjectX.InvalidTimeframe' }
        @{ Command = 'Get-PxBar MNQ -Timeframe fortnight'; ErrorId = 'ProjectX.InvalidTimeframe' }
        @{ Command = 'Start-PxDataFeed MNQ -Timeframe 5x'; ErrorId = 'ProjectX.InvalidTimeframe' }
        @{ Command = "Get-PxBar MNQ -Start '2026-03-02' -End '2026-03-01'"; ErrorId = 'ProjectX.InvalidDateRange' }
        @{ Command = "Get-PxOrder -Since '2026-03-02' -Until '2026-03-01'"; ErrorId = 'ProjectX.InvalidDateRange' }
        @{ Command = "Get-PxTrade -Since '2026-03-02' -Until '2026-03-01'"; ErrorId = 'ProjectX.InvalidDateRange' }) {
        $verbose = $null
        $caught = try { & ([scriptblock]::Create("$Command -Verbose")) 4>&1 | Tee-Object -Variable verbose | Out-Null; 'not reached' } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Not -BeNullOrEmpty
        # -Verbose shows every API call: none was made.
        $verbose | Should -BeNullOrEmpty
    }

    It '<Command> is a non-terminating <ErrorId> and the script goes on' -ForEach @(
        @{ Command = 'Get-PxInstrument NOPE1'; ErrorId = 'ProjectX.InstrumentNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Get-PxBar NOPE1'; ErrorId = 'ProjectX.InstrumentNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'New-PxOrder NOPE1 Buy 1 -Confirm:$false'; ErrorId = 'ProjectX.InstrumentNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Get-PxQuote NOPE1'; ErrorId = 'ProjectX.InstrumentNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Get-PxOrderBook NOPE1'; ErrorId = 'ProjectX.InstrumentNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Stop-PxOrder -All -Symbol NOPE1 -Confirm:$false'; ErrorId = 'ProjectX.InstrumentNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Get-PxAccount -Name NO-SUCH-ACCOUNT'; ErrorId = 'ProjectX.AccountNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Get-PxOrder -Id 987654321'; ErrorId = 'ProjectX.OrderNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Stop-PxOrder 987654321 -Confirm:$false'; ErrorId = 'ProjectX.OrderNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Set-PxOrder 987654321 -Size 2 -Confirm:$false'; ErrorId = 'ProjectX.OrderNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Close-PxPosition NQ -Confirm:$false'; ErrorId = 'ProjectX.PositionNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Close-PxPosition -Confirm:$false'; ErrorId = 'ProjectX.MissingSymbol'; Category = 'InvalidArgument' }
        @{ Command = 'Get-PxBar MNQ -Live'; ErrorId = 'ProjectX.NoDataFeed'; Category = 'ObjectNotFound' }) {
        $failed = $null
        $after = . ([scriptblock]::Create("$Command -ErrorVariable failed -ErrorAction SilentlyContinue; 'continued'"))
        @($after)[-1] | Should -Be 'continued'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failed[0].CategoryInfo.Category | Should -Be $Category
        # What the user reads speaks PowerShell: cmdlets and parameters, never the client's C# methods.
        "$($failed[0])" | Should -Not -Match '\w+Async\b'
    }

    It 'an unknown symbol says how to search, in PowerShell terms' {
        Get-PxInstrument NOPE1 -ErrorVariable failed -ErrorAction SilentlyContinue
        "$($failed[0])" | Should -BeLike '*Get-PxInstrument -Search*'
        # The exception keeps the client's own text for C# callers.
        $failed[0].Exception.Message | Should -BeLike '*SearchInstrumentsAsync*'
    }

    It 'an unknown account at connect is a terminating AccountNotFound, and leaves no connection' {
        try { Disconnect-ProjectX } catch { }
        { Connect-ProjectX -Simulator -Account NO-SUCH-ACCOUNT } | Should -Throw -ErrorId 'ProjectX.AccountNotFound,ProjectX.PowerShell.Commands.ConnectProjectXCommand'
        { Get-PxAccount } | Should -Throw -ErrorId 'ProjectX.NotConnected,*'
        Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
    }

    It 'a wrong API key is a terminating AuthenticationFailed that never shows the key' {
        $caught = try { Connect-ProjectX -Simulator -UserName demo -ApiKey 'not-the-key-123'; 'not reached' } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.AuthenticationFailed,*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$caught $($caught.Exception)" | Should -Not -Match 'not-the-key-123'
    }

    It 'a missing mandatory parameter fails at once in a non-interactive session, never prompts' {
        $result = Invoke-TestPwsh -PwshOption -NonInteractive -Command "Import-Module '$(Get-ModuleManifestPath)'; Connect-ProjectX -UserName demo -ApiUrl http://127.0.0.1:9"
        $result.ExitCode | Should -Not -Be 0
        $result.StdErr | Should -Match 'ApiKey'
    }
}
