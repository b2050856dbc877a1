# The risk guard from PowerShell: Set-PxRiskRule, Get-PxRiskStatus, Unlock-PxRisk, Connect-ProjectX -RiskProfile, the
# ProjectX.RiskRuleViolation error, the RiskBreach event and the fail-closed state, against the in-process simulator.
# Every test keeps its state files in its own directory (PROJECTX_RISK_STATE_DIR).
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    $script:RiskStateDirBefore = $env:PROJECTX_RISK_STATE_DIR
}

AfterAll {
    try { Disconnect-ProjectX } catch { }
    # Back to the test process's own folder (ProjectX.TestSupport), never unset: unset means the user's data folder.
    $env:PROJECTX_RISK_STATE_DIR = $script:RiskStateDirBefore
}

Describe 'The risk cmdlets' {
    BeforeEach {
        try { Disconnect-ProjectX } catch { }
        $env:PROJECTX_RISK_STATE_DIR = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        Connect-ProjectX -Simulator
        $script:Far = Get-FarBelowPrice
    }

    It 'Set-PxRiskRule -Preset Topstep50K shows the preset''s numbers, overridden where asked' {
        $status = Set-PxRiskRule -Preset Topstep50K -DailyLossLimit 600 -PassThru
        $status.pstypenames[0] | Should -Be 'ProjectX.RiskStatus'
        "$($status.Rules) $($status.DailyLossLimit) $($status.TrailingMode) $($status.TrailingFloor) $($status.Locked)" |
            Should -Be 'Topstep50K 600 EndOfDay 48000 False'
        $status.StatePath | Should -BeLike "$env:PROJECTX_RISK_STATE_DIR*account-1001.json"
        Test-Path $status.StatePath | Should -BeTrue
    }

    It 'refuses an order that breaks a rule with ProjectX.RiskRuleViolation, sends nothing, and lets a closing order go' {
        Set-PxRiskRule -MaxContracts 1
        $null = New-PxOrder MNQ Buy 1 -Wait -Confirm:$false
        $before = @(Get-PxOrder -Open).Count + @(Get-PxOrder).Count
        New-PxOrder MNQ Buy 1 -LimitPrice $script:Far -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.RiskRuleViolation,*'
        $refused[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($refused[0].Exception.Rule) $($refused[0].Exception.Limit) $($refused[0].Exception.Figure)" | Should -Be 'MaxContracts 1 2'
        $refused[0].ErrorDetails.RecommendedAction | Should -Match 'Closing and reducing orders still go'
        @(Get-PxOrder -Open).Count + @(Get-PxOrder).Count | Should -Be $before
        $null = New-PxOrder MNQ Sell 1 -Wait -Confirm:$false
        Get-PxPosition | Should -BeNullOrEmpty
    }

    It 'Get-PxRiskStatus without rules is ProjectX.NoRiskGuard' {
        Get-PxRiskStatus -ErrorVariable missing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.NoRiskGuard,*'
    }

    It 'a breach raises RiskBreach, flattens and locks; Unlock-PxRisk -WhatIf changes nothing and -Confirm:$false unlocks' {
        $null = Register-PxEvent -EventName RiskBreach -SourceIdentifier RiskTest.Breach
        try {
            # A round trip costs the spread and fees: the day is below zero, and one contract stays open to be closed.
            $null = New-PxOrder MNQ Buy 2 -Wait -Confirm:$false
            $null = New-PxOrder MNQ Sell 1 -Wait -Confirm:$false
            $null = New-PxOrder MNQ Buy 1 -LimitPrice $script:Far -Confirm:$false
            Set-PxRiskRule -DailyLossLimit 0.01
            $event = Wait-Event -SourceIdentifier RiskTest.Breach -Timeout 30
            $event | Should -Not -BeNullOrEmpty
            "$($event.SourceEventArgs.EventName) $($event.SourceEventArgs.Risk.Rule) $($event.SourceEventArgs.Risk.Flat)" | Should -Be 'RiskBreach DailyLoss True'
            Get-PxPosition | Should -BeNullOrEmpty
            Get-PxOrder -Open | Should -BeNullOrEmpty

            New-PxOrder MNQ Buy 1 -Confirm:$false -ErrorVariable locked -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $locked[0].Exception.Locked | Should -BeTrue
            Set-PxRiskRule -DailyLossLimit 1000 # new rules do not lift a lock
            $status = Get-PxRiskStatus
            "$($status.Locked) $($status.LockedBy) $($status.LockedUntil)" | Should -Be 'True DailyLoss NextTradingDay'
            ($status | Out-String -Width 80) -split "`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }

            Unlock-PxRisk -WhatIf
            (Get-PxRiskStatus).Locked | Should -BeTrue
            (Unlock-PxRisk -Confirm:$false -PassThru).Locked | Should -BeFalse
        }
        finally {
            Unregister-Event -SourceIdentifier RiskTest.Breach
        }
    }

    It 'on a firm-rules account a personal daily limit breaches, flattens and locks through the cmdlets, and the guard refuses the next entry itself' {
        # Account 1007 is set up like Topstep's 50K Combine: the simulator itself stops the day at a loss of 1,000. The
        # trader's own limit is 0.50: 9 MNQ fills cost 9 × 0.37 = 3.33 in fees alone, and one contract stays open.
        Disconnect-ProjectX
        Connect-ProjectX -Simulator -Account 1007
        $null = Register-PxEvent -EventName RiskBreach -SourceIdentifier RiskTest.FirmBreach
        try {
            $null = New-PxOrder MNQ Buy 5 -Wait -Confirm:$false
            $null = New-PxOrder MNQ Sell 4 -Wait -Confirm:$false
            Set-PxRiskRule -DailyLossLimit 0.5
            $event = Wait-Event -SourceIdentifier RiskTest.FirmBreach -Timeout 30
            $event | Should -Not -BeNullOrEmpty
            "$($event.SourceEventArgs.Risk.Rule) $($event.SourceEventArgs.Risk.Flat)" | Should -Be 'DailyLoss True'
            Get-PxPosition | Should -BeNullOrEmpty
            $status = Get-PxRiskStatus
            "$($status.AccountId) $($status.Locked) $($status.LockedBy)" | Should -Be '1007 True DailyLoss'
            # The refusal is the guard's, before sending (the firm's would be an AccountViolation from the server);
            # GuardBeforeFirmTests shows the firm's own limit firing in a control run.
            New-PxOrder MNQ Buy 1 -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.RiskRuleViolation,*'
            Get-PxOrder -Open | Should -BeNullOrEmpty
        }
        finally {
            Unregister-Event -SourceIdentifier RiskTest.FirmBreach
        }
    }

    It 'a corrupt state file fails closed with ProjectX.RiskStateCorrupt until Unlock-PxRisk -Reset' {
        $status = Set-PxRiskRule -MaxContracts 5 -PassThru
        Set-Content -LiteralPath $status.StatePath -Value '{ this is not state'
        New-PxOrder MNQ Buy 1 -LimitPrice $script:Far -Confirm:$false -ErrorVariable corrupt -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $corrupt[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.RiskStateCorrupt,*'
        $corrupt[0].ErrorDetails.RecommendedAction | Should -Match 'Unlock-PxRisk -Reset'
        Get-PxOrder -Open | Should -BeNullOrEmpty

        Unlock-PxRisk -Reset -Confirm:$false
        New-PxOrder MNQ Buy 1 -LimitPrice $script:Far -Confirm:$false | Should -Not -BeNullOrEmpty
    }

    It 'a lock set by another process (a scheduled job) refuses entries here: two processes share one state file' {
        # Start-Job runs a second pwsh process. It connects to its own simulator (the same account id), loses a little,
        # breaches a tiny daily limit and locks; this process then reads the lock from the shared file.
        $locked = Start-Job -ScriptBlock {
            $env:PROJECTX_RISK_STATE_DIR = $using:env:PROJECTX_RISK_STATE_DIR
            Import-Module $using:PSScriptRoot/../../out/ProjectX/ProjectX.psd1
            Connect-ProjectX -Simulator
            $null = New-PxOrder MNQ Buy 1 -Wait -Confirm:$false
            $null = New-PxOrder MNQ Sell 1 -Wait -Confirm:$false
            $null = Register-PxEvent -EventName RiskBreach -SourceIdentifier Job.Breach
            Set-PxRiskRule -DailyLossLimit 0.01
            $null = Wait-Event -SourceIdentifier Job.Breach -Timeout 60
            (Get-PxRiskStatus).Locked
        } | Receive-Job -Wait -AutoRemoveJob
        $locked | Should -BeTrue

        Set-PxRiskRule -MaxContracts 5
        New-PxOrder MNQ Buy 1 -LimitPrice $script:Far -Confirm:$false -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'ProjectX.RiskRuleViolation,*'
        "$($refused[0].Exception.Locked) $($refused[0].Exception.Rule)" | Should -Be 'True DailyLoss'
        Get-PxOrder -Open | Should -BeNullOrEmpty
        (Unlock-PxRisk -Confirm:$false -PassThru).Locked | Should -BeFalse
    }

    It 'Connect-ProjectX -RiskProfile guards the default account, and a bad profile connects nothing' {
        Disconnect-ProjectX
        { Connect-ProjectX -Simulator -RiskProfile NoSuchPlan } | Should -Throw -ErrorId 'ProjectX.InvalidArgument,ProjectX.PowerShell.Commands.ConnectProjectXCommand'
        Connect-ProjectX -Simulator -RiskProfile Topstep100K
        $status = Get-PxRiskStatus
        "$($status.Rules) $($status.DailyLossLimit) $($status.Monitoring)" | Should -Be 'Topstep100K 2000 True'
    }
}
