# Add-PxIndicator: values against TA-Lib's reference vectors (the client tests' file, produced by TA-Lib's C code),
# bars from the simulator gaining typed properties, several series in one pipeline, errors and tab completion.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    Connect-ProjectX -Simulator

    $script:reference = Get-Content -Raw "$PSScriptRoot/../ProjectX.Client.Tests/Indicators/Reference/reference-vectors.json" | ConvertFrom-Json
    # Plain objects with Time/Open/High/Low/Close/Volume, as Import-Csv would give.
    function script:New-ReferenceBars {
        foreach ($b in $script:reference.bars) {
            [pscustomobject]@{ Symbol = 'MNQ'; Time = [DateTimeOffset]::Parse($b.t, [cultureinfo]::InvariantCulture); Open = $b.o; High = $b.h; Low = $b.l; Close = $b.c; Volume = $b.v }
        }
    }
    function script:Assert-Matches([double[]] $Actual, [object[]] $Expected, [string] $What) {
        $Actual.Count | Should -Be $Expected.Count
        for ($i = 0; $i -lt $Expected.Count; $i++) {
            if ($null -eq $Expected[$i]) {
                [double]::IsNaN($Actual[$i]) | Should -BeTrue -Because "$What [$i] has no TA-Lib value"
            }
            else {
                $e = [double]$Expected[$i]
                $scale = [Math]::Max([Math]::Abs($e), [Math]::Abs($Actual[$i]))
                [Math]::Abs($Actual[$i] - $e) | Should -BeLessOrEqual (1e-9 * $scale) -Because "$What [$i]: TA-Lib $e, got $($Actual[$i])"
            }
        }
    }
}

AfterAll { try { Disconnect-ProjectX } catch { } }

Describe 'Add-PxIndicator values' {
    It 'matches TA-Lib for <Name> <Arguments>' -ForEach @(
        @{ Name = 'RSI'; Arguments = @{ Period = 14 }; Case = 'RSI'; Params = '{"period":14}'; Outputs = @{ RSI = 'value' } }
        @{ Name = 'MACD'; Arguments = @{}; Case = 'MACD'; Params = '{"fast":12,"slow":26,"signal":9}'; Outputs = @{ MACD = 'macd'; MACDSignal = 'signal'; MACDHistogram = 'histogram' } }
        @{ Name = 'BBANDS'; Arguments = @{ Period = 20; Multiplier = 2 }; Case = 'Bollinger'; Params = '{"period":20,"multiplier":2}'; Outputs = @{ Bollinger = 'middle'; BollingerUpper = 'upper'; BollingerLower = 'lower' } }
        @{ Name = 'ADX'; Arguments = @{ Period = 14 }; Case = 'ADX'; Params = '{"period":14}'; Outputs = @{ ADX = 'adx'; ADXPlusDi = 'plusDi'; ADXMinusDi = 'minusDi' } }
        @{ Name = 'Stochastic'; Arguments = @{ KPeriod = 14; KSmoothing = 1; DPeriod = 3 }; Case = 'Stochastic'; Params = '{"kPeriod":14,"kSmoothing":1,"dPeriod":3}'; Outputs = @{ Stochastic = 'k'; StochasticD = 'd' } }
        @{ Name = 'SAR'; Arguments = @{}; Case = 'ParabolicSar'; Params = '{"acceleration":0.02,"maximum":0.2}'; Outputs = @{ ParabolicSar = 'value' } }
        @{ Name = 'VWAP'; Arguments = @{}; Case = 'VWAP'; Params = '{"anchor":"session"}'; Outputs = @{ VWAP = 'value' } }
        @{ Name = 'KAMA'; Arguments = @{ Period = 10 }; Case = 'KAMA'; Params = '{"period":10}'; Outputs = @{ KAMA = 'value' } }
    ) {
        $case = $script:reference.cases | Where-Object { $_.indicator -eq $Case -and ($_.params | ConvertTo-Json -Compress) -eq $Params }
        $case | Should -HaveCount 1
        $bars = @(New-ReferenceBars | Add-PxIndicator $Name @Arguments)
        $bars | Should -HaveCount $script:reference.bars.Count
        foreach ($property in $Outputs.Keys) {
            $bars[0].PSObject.Properties[$property].TypeNameOfValue | Should -Be 'System.Double'
            Assert-Matches ([double[]]$bars.$property) ([object[]]$case.outputs.($Outputs[$property])) "$Name $property"
        }
    }
}

Describe 'Add-PxIndicator in a pipeline' {
    It 'adds typed properties to simulator bars, keeps them ProjectX.Bar, and chains with -As' {
        $bars = @(Get-PxBar MNQ 5min -Count 60 | Add-PxIndicator SMA -Period 5 -As Fast | Add-PxIndicator SMA -Period 20 -As Slow | Add-PxIndicator RSI)
        $bars | Should -HaveCount 60
        $bars[0].PSObject.TypeNames[0] | Should -Be 'ProjectX.Bar'
        $bars[0].Fast | Should -BeOfType [double]
        [double]::IsNaN($bars[3].Fast) | Should -BeTrue
        $bars[4].Fast | Should -Be ((($bars[0..4].Close | Measure-Object -Sum).Sum) / 5)
        $bars[-1].Slow | Should -Be ((($bars[-20..-1].Close | Measure-Object -Sum).Sum) / 20)
        [double]::IsNaN($bars[13].RSI) | Should -BeTrue
        $bars[14].RSI | Should -BeGreaterOrEqual 0
        $bars[14].RSI | Should -BeLessOrEqual 100
    }

    It 'keeps one indicator per symbol and timeframe when series are mixed' {
        $mixed = @(Get-PxBar MNQ, MES 5min -Count 30 | Add-PxIndicator SMA -Period 3)
        $mes = @($mixed | Where-Object Symbol -eq 'MES')
        $mes | Should -HaveCount 30
        [double]::IsNaN($mes[1].SMA) | Should -BeTrue
        $mes[2].SMA | Should -Be ((($mes[0..2].Close | Measure-Object -Sum).Sum) / 3)
    }

    It 'refuses an unknown indicator, a parameter it does not take and a bad value before reading a bar' {
        { Get-PxBar MNQ -Count 5 | Add-PxIndicator RSX } | Should -Throw -ErrorId 'ProjectX.InvalidIndicator,ProjectX.PowerShell.Commands.AddPxIndicatorCommand'
        { Get-PxBar MNQ -Count 5 | Add-PxIndicator RSI -Fast 3 } | Should -Throw -ErrorId 'ProjectX.InvalidIndicator,ProjectX.PowerShell.Commands.AddPxIndicatorCommand'
        { Get-PxBar MNQ -Count 5 | Add-PxIndicator RSI -Period 1 } | Should -Throw -ErrorId 'ProjectX.InvalidIndicator,ProjectX.PowerShell.Commands.AddPxIndicatorCommand'
        { Get-PxBar MNQ -Count 5 | Add-PxIndicator SMA -Source Mid } | Should -Throw -ErrorId 'ProjectX.InvalidIndicator,ProjectX.PowerShell.Commands.AddPxIndicatorCommand'
    }

    It 'writes an error for a bar out of order, or a property already there, and passes the others on' {
        $bars = @(Get-PxBar MNQ 1min -Count 3)
        $out = @($bars[0], $bars[2], $bars[1] | Add-PxIndicator SMA -Period 1 -ErrorVariable problems -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 2
        $problems[0].FullyQualifiedErrorId | Should -Be 'ProjectX.IndicatorInput,ProjectX.PowerShell.Commands.AddPxIndicatorCommand'
        $again = @($out | Add-PxIndicator SMA -ErrorVariable twice -ErrorAction SilentlyContinue)
        $again | Should -HaveCount 0
        $twice[0].Exception.Message | Should -Match '-As'
        [pscustomobject]@{ Name = 'not a bar' } | Add-PxIndicator RSI -ErrorVariable notBar -ErrorAction SilentlyContinue
        $notBar[0].FullyQualifiedErrorId | Should -Match '^ProjectX.IndicatorInput'
    }
}

Describe 'Add-PxIndicator discovery' {
    It 'completes indicator names with their parameters' {
        $line = 'Add-PxIndicator Sto'
        $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $names.CompletionText | Should -Be 'Stochastic', 'StochasticRsi'
        $names[0].ToolTip | Should -Match '-KPeriod 5'
        $line = 'Add-PxIndicator RSI -Source Ty'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'Typical'
    }

    It 'documents every indicator and its parameters in the help' {
        $help = Get-Help Add-PxIndicator -Full | Out-String -Width 200
        foreach ($name in 'SMA', 'EMA', 'WMA', 'DEMA', 'TEMA', 'KAMA', 'RSI', 'MACD', 'Stochastic', 'StochasticRsi', 'ADX', 'CCI', 'WilliamsR', 'ROC', 'MFI', 'OBV', 'VWAP', 'ATR', 'NATR', 'StdDev', 'Bollinger', 'Keltner', 'Donchian', 'ParabolicSar', 'SuperTrend') {
            $help | Should -Match "\| $name \|"
        }
        (Get-Help Add-PxIndicator -Parameter Multiplier | Out-String) | Should -Match 'Bollinger'
    }
}

Describe 'Start-PxDataFeed -Indicator' {
    AfterEach {
        Get-EventSubscriber -ErrorAction Ignore | Where-Object SourceIdentifier -like 'I.*' | Unregister-Event
        Get-Event -ErrorAction Ignore | Where-Object SourceIdentifier -like 'I.*' | Remove-Event
        Stop-PxDataFeed
    }

    It 'puts the indicator values on the bar of each BarClosed event, as history computes them' {
        Start-PxDataFeed MNQ 1s -HistoryCount 30 -Indicator @{ Name = 'SMA'; Period = 3; As = 'Fast' }, RSI, MACD | Out-Null
        Register-PxEvent BarClosed -Symbol MNQ -SourceIdentifier I.Bars
        $bars = @(1..2 | ForEach-Object { (Wait-Event -SourceIdentifier I.Bars -Timeout 30).SourceEventArgs.Bar; Remove-Event -SourceIdentifier I.Bars })
        foreach ($bar in $bars) {
            $bar.Fast | Should -BeOfType [double]
            $bar.MACDSignal | Should -BeOfType [double]
            # The same bars through Add-PxIndicator (history) give the same values.
            $history = @(Get-PxBar MNQ 1s -Live -Count 200 | Where-Object Time -le $bar.Time | Add-PxIndicator SMA -Period 3 -As Fast | Add-PxIndicator RSI)
            $history[-1].Time | Should -Be $bar.Time
            $bar.Fast | Should -Be $history[-1].Fast
            $bar.RSI | Should -Be $history[-1].RSI
        }
    }

    It 'refuses a bad indicator before starting anything' {
        { Start-PxDataFeed MES 1min -Indicator @{ Name = 'RSI'; Lenght = 3 } } | Should -Throw -ErrorId 'ProjectX.InvalidIndicator,ProjectX.PowerShell.Commands.StartPxDataFeedCommand'
        { Start-PxDataFeed MES 1min -Indicator SMA, SMA } | Should -Throw -ErrorId 'ProjectX.InvalidIndicator,ProjectX.PowerShell.Commands.StartPxDataFeedCommand'
        (Get-PxConnection).Live.Instruments | Where-Object { $_.Contract.Name -like 'MES*' -and $_.Bars } | Should -BeNullOrEmpty
    }
}
