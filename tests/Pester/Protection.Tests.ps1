# Get-PxPositionSize, Set-PxPositionProtection and New-PxOrder brackets on the simulator's Position Brackets account
# (1003, PRAC-V2-DEMO-POSBRK), against a simulator process of this file's own, checked through an independent REST view.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    $script:Simulator = Start-TestSimulator
    $script:AccountName = 'PRAC-V2-DEMO-POSBRK'
    $script:AccountId = 1003

    function Get-WorkingLeg {
        param([string] $Role)
        @(Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId | Where-Object { $_.status -eq 1 -and $_.customTag -like "pxo-$Role-*" })
    }

    # Flat, and nothing working: the engine may re-place a leg that the reset cancelled before the position closed.
    function Reset-PosBrk {
        Reset-TestAccount $script:Simulator -Account $script:AccountName
        $null = Wait-Condition -Because 'a flat account with no working orders' {
            -not (Get-SimulatorPosition $script:Simulator -AccountId $script:AccountId) -and
            -not (Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId | Where-Object { $_.status -in 1, 8 })
        }
    }

    function Get-OrderStatus {
        param([long] $Id)
        (Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId | Where-Object id -EQ $Id).status
    }
}

AfterAll {
    try { Disconnect-ProjectX } catch { }
    Stop-TestSimulator $script:Simulator
}

Describe 'Get-PxPositionSize' {
    BeforeAll { Reset-PosBrk }

    It 'sizes MNQ: 200 dollars at 40 ticks of 0.50 is 10 contracts' {
        $size = Get-PxPositionSize MNQ -RiskAmount 200 -StopTicks 40
        $size.pstypenames[0] | Should -Be 'ProjectX.PositionSize'
        "$($size.Size) $($size.RiskPerContract) $($size.Risk) $($size.Unused)" | Should -Be '10 20 200 0'
    }

    It 'sizes from a stop price with fees, rounding the ticks up and the size down' {
        # 3.90 points = 15.6 ES ticks -> 16; 16 x 12.50 + 4.50 = 204.50 a contract; 1000 / 204.50 = 4.89 -> 4.
        $size = Get-PxPositionSize ES 1000 -EntryPrice 5000 -StopPrice 4996.10 -FeesPerContract 4.50
        "$($size.StopTicks) $($size.RiskPerContract) $($size.Size) $($size.Risk)" | Should -Be '16 204.5 4 818'
    }

    It 'refuses a risk that does not cover one contract, and a risk of zero, with their ErrorIds' {
        $null = Get-PxPositionSize MNQ 15 40 -ErrorVariable tooSmall -ErrorAction SilentlyContinue
        $tooSmall[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.RiskTooSmall,*'
        $tooSmall[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $null = Get-PxPositionSize MNQ 0 40 -ErrorVariable zero -ErrorAction SilentlyContinue
        $zero[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.InvalidRiskAmount,*'
    }
}

Describe 'New-PxOrder brackets on a Position Brackets account' {
    BeforeEach { Reset-PosBrk }

    It 'places the entry and the live engine places both legs, sized to the fill' {
        $order = New-PxOrder MNQ Buy 2 -StopLossTicks 40 -TakeProfitTicks 80 -Wait -Confirm:$false
        $order.Status | Should -Be 'Filled'
        $order.Tag | Should -BeLike 'pxo-e-*-40-80'
        $stop = Wait-Condition -Because 'the stop leg' { Get-WorkingLeg s }
        $target = Wait-Condition -Because 'the target leg' { Get-WorkingLeg t }
        $tick = (Get-PxInstrument MNQ).TickSize
        # Stop (4) and Limit (1) sells (side 1) of 2 contracts, 40 ticks below and 80 above the fill.
        "$($stop.type) $($stop.side) $($stop.size)" | Should -Be '4 1 2'
        [decimal]$stop.stopPrice | Should -Be ($order.FilledPrice - 40 * $tick)
        "$($target.type) $($target.side) $($target.size)" | Should -Be '1 1 2'
        [decimal]$target.limitPrice | Should -Be ($order.FilledPrice + 80 * $tick)
    }

    It 'cancels the target when the stop fills' {
        $order = New-PxOrder MNQ Buy 1 -StopLossTicks 40 -TakeProfitTicks 40 -Wait -Confirm:$false
        $stop = Wait-Condition -Because 'the stop leg' { Get-WorkingLeg s }
        $target = Wait-Condition -Because 'the target leg' { Get-WorkingLeg t }
        # A sell stop above the market is through it: it fills at once.
        Set-PxOrder $stop.id -StopPrice ($order.FilledPrice + 400) -Confirm:$false
        Wait-Condition -Because 'the target to be cancelled' { (Get-OrderStatus $stop.id) -eq 2 -and (Get-OrderStatus $target.id) -eq 3 } | Should -BeTrue
        Get-SimulatorPosition $script:Simulator -AccountId $script:AccountId | Should -BeNullOrEmpty
    }

    It 'says the entry was not placed when the connection has no realtime' {
        $before = (Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId).Count
        $rest = Connect-ProjectX -UserName $DemoUserName -ApiKey $DemoApiKey -ApiUrl $script:Simulator.Url -Account $script:AccountName -NoRealtime -NotDefault -PassThru
        $null = New-PxOrder MNQ Buy 1 -StopLossTicks 40 -Connection $rest -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.PositionBracketsNeedRealtime,*'
        $refused[0].ErrorDetails.RecommendedAction | Should -BeLike '*Auto OCO*'
        # Only the refused native attempt exists: no entry was placed.
        $added = @(Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId | Select-Object -Skip $before)
        $added.Count | Should -Be 1
        $added[0].status | Should -Be 5
        Get-SimulatorPosition $script:Simulator -AccountId $script:AccountId | Should -BeNullOrEmpty
        Disconnect-ProjectX -Connection $rest
    }
}

Describe 'Set-PxPositionProtection' {
    BeforeEach { Reset-PosBrk }

    It 'attaches a stop and a target to an open short and moves the stop' {
        $null = New-PxOrder MNQ Sell 3 -Wait -Confirm:$false
        $average = (Get-PxPosition -Symbol MNQ).AveragePrice
        $tick = (Get-PxInstrument MNQ).TickSize

        $protection = Set-PxPositionProtection MNQ -StopTicks 12 -TargetTicks 20 -Confirm:$false
        $protection.pstypenames[0] | Should -Be 'ProjectX.PositionProtection'
        "$($protection.Side) $($protection.Size) $($protection.IsProtected)" | Should -Be 'Short 3 True'
        $protection.StopPrice | Should -Be ($average + 12 * $tick)
        $protection.TargetPrice | Should -Be ($average - 20 * $tick)
        (Get-WorkingLeg s).size | Should -Be 3

        $moved = Set-PxPositionProtection MNQ -StopPrice ($average + 4 * $tick) -Confirm:$false
        $moved.StopOrderId | Should -Be $protection.StopOrderId
        (Get-WorkingLeg s).stopPrice | Should -Be ($average + 4 * $tick)
    }

    It '-WhatIf sends nothing, and without a position or realtime it says so' {
        $null = New-PxOrder MNQ Buy 1 -Wait -Confirm:$false
        $before = (Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId).Count
        $lines = Get-WhatIfLine { Get-PxPosition | Set-PxPositionProtection -StopTicks 30 -WhatIf }
        $lines | Should -Be 'What if: Performing the operation "Protect the MNQ position: stop 30 ticks" on target "PRAC-V2-DEMO-POSBRK (1003)".'
        (Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId).Count | Should -Be $before

        $null = Set-PxPositionProtection MES -StopTicks 10 -Confirm:$false -ErrorVariable none -ErrorAction SilentlyContinue
        $none[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.PositionNotFound,*'

        $rest = Connect-ProjectX -UserName $DemoUserName -ApiKey $DemoApiKey -ApiUrl $script:Simulator.Url -Account $script:AccountName -NoRealtime -NotDefault -PassThru
        $null = Set-PxPositionProtection MNQ -StopTicks 10 -Connection $rest -Confirm:$false -ErrorVariable offline -ErrorAction SilentlyContinue
        $offline[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.RealtimeUnavailable,*'
        (Get-SimulatorOrder $script:Simulator -AccountId $script:AccountId).Count | Should -Be $before
        Disconnect-ProjectX -Connection $rest
    }
}
