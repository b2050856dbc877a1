# Get-PxBar -Continuous on the in-process simulator: stitching at the CME equity index roll and at a crude oil roll,
# back-adjustment computed here by hand from each month read alone, and the ErrorIds of bad input.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    Connect-ProjectX -Simulator

    # The September 2026 roll: Thursday 2026-09-10 08:30 CDT = 13:30 UTC (expiry Friday 2026-09-18).
    $script:Roll = [DateTimeOffset]::new(2026, 9, 10, 13, 30, 0, [TimeSpan]::Zero)
    $script:Start = $Roll.AddHours(-3).UtcDateTime
    $script:End = $Roll.AddHours(2).UtcDateTime
    $script:HalfHours = 0..9 | ForEach-Object { $Roll.AddHours(-3).AddMinutes(30 * $_) }

    function script:Get-ErrorId($ErrorRecords) { @($ErrorRecords | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) }
}

AfterAll { try { Disconnect-ProjectX } catch { } }

Describe 'Get-PxBar -Continuous' {
    It '<Symbol> switches months exactly at the roll, with every half hour once' -TestCases @(
        @{ Symbol = 'MNQ'; September = 'CON.F.US.MNQ.U26'; December = 'CON.F.US.MNQ.Z26' }
        @{ Symbol = 'ES'; September = 'CON.F.US.EP.U26'; December = 'CON.F.US.EP.Z26' }
    ) {
        $bars = @(Get-PxBar $Symbol 30min -Start $Start -End $End -Continuous)
        $bars.Time | Should -Be $HalfHours
        @($bars | Where-Object Time -lt $Roll).ContractId | Select-Object -Unique | Should -Be $September
        @($bars | Where-Object Time -ge $Roll).ContractId | Select-Object -Unique | Should -Be $December
        $bars.Symbol | Select-Object -Unique | Should -Be $Symbol

        # Each stretch is the month read alone.
        $sep = @(Get-PxBar $September 30min -Start $Start -End $End)
        $dec = @(Get-PxBar $December 30min -Start $Start -End $End)
        @($bars | Where-Object Time -lt $Roll).Close | Should -Be @($sep | Where-Object Time -lt $Roll).Close
        @($bars | Where-Object Time -ge $Roll).Close | Should -Be @($dec | Where-Object Time -ge $Roll).Close
        # The months differ by their carry: the December close sits above September's at the same instant.
        ($dec | Where-Object Time -eq $Roll.AddMinutes(-30)).Close | Should -BeGreaterThan ($sep | Where-Object Time -eq $Roll.AddMinutes(-30)).Close
    }

    It 'Difference and Ratio move the older bars by the gap measured on the last bar before the roll' {
        $sep = @(Get-PxBar CON.F.US.MNQ.U26 30min -Start $Start -End $End | Where-Object Time -lt $Roll)
        $dec = @(Get-PxBar CON.F.US.MNQ.Z26 30min -Start $Start -End $End | Where-Object Time -ge $Roll)
        $measured = $Roll.AddMinutes(-30)
        [decimal] $oldClose = ($sep | Where-Object Time -eq $measured).Close
        [decimal] $newClose = (Get-PxBar CON.F.US.MNQ.Z26 30min -Start $Start -End $End | Where-Object Time -eq $measured).Close
        $gap = $newClose - $oldClose
        $ratio = $newClose / $oldClose

        $difference = @(Get-PxBar MNQ 30min -Start $Start -End $End -Continuous -Adjustment Difference)
        @($difference | Where-Object Time -lt $Roll).Close | Should -Be @($sep | ForEach-Object { $_.Close + $gap })
        @($difference | Where-Object Time -lt $Roll).Low | Should -Be @($sep | ForEach-Object { $_.Low + $gap })
        @($difference | Where-Object Time -ge $Roll).Close | Should -Be $dec.Close

        $ratioBars = @(Get-PxBar MNQ 30min -Start $Start -End $End -Continuous -Adjustment Ratio)
        @($ratioBars | Where-Object Time -lt $Roll).High | Should -Be @($sep | ForEach-Object { $_.High * $ratio })
        @($ratioBars | Where-Object Time -lt $Roll).Volume | Should -Be $sep.Volume
        @($ratioBars | Where-Object Time -ge $Roll).Close | Should -Be $dec.Close
    }

    It 'a contract id or name ends the series in that month, whose bars stop at its expiry' {
        $bars = @(Get-PxBar CON.F.US.ENQ.U26 1d -Start 2026-08-01 -End 2026-10-01 -Continuous)
        $bars[-1].Time | Should -Be ([DateTimeOffset]::new(2026, 9, 18, 0, 0, 0, [TimeSpan]::Zero))
        $bars.ContractId | Select-Object -Unique | Should -Be 'CON.F.US.ENQ.U26'

        # The expired month's name says the same (search would not find it: it lists live months only).
        $byName = @(Get-PxBar NQU6 1d -Start 2026-08-01 -End 2026-10-01 -Continuous)
        $byName.Time | Should -Be $bars.Time
        $byName.Close | Should -Be $bars.Close
    }

    It 'crude rolls two business days before its expiry, at the 08:00 CT open' {
        # CL December 2026 expires Fri 2026-11-20 (3 business days before Wed the 25th of November); the series moves
        # to January on Wed 2026-11-18 at 08:00 CST = 14:00 UTC.
        $clRoll = [DateTimeOffset]::new(2026, 11, 18, 14, 0, 0, [TimeSpan]::Zero)
        $bars = @(Get-PxBar CL 30min -Start $clRoll.AddHours(-2).UtcDateTime -End $clRoll.AddHours(2).UtcDateTime -Continuous -Adjustment Difference)
        $bars.Time | Should -Be (0..7 | ForEach-Object { $clRoll.AddHours(-2).AddMinutes(30 * $_) })
        @($bars | Where-Object Time -lt $clRoll).ContractId | Select-Object -Unique | Should -Be 'CON.F.US.CLE.Z26'
        @($bars | Where-Object Time -ge $clRoll).ContractId | Select-Object -Unique | Should -Be 'CON.F.US.CLE.F27'

        $dec = @(Get-PxBar CON.F.US.CLE.Z26 30min -Start $clRoll.AddHours(-2).UtcDateTime -End $clRoll.UtcDateTime | Where-Object Time -ge $clRoll.AddHours(-2))
        $jan = @(Get-PxBar CON.F.US.CLE.F27 30min -Start $clRoll.AddHours(-2).UtcDateTime -End $clRoll.AddHours(2).UtcDateTime)
        [decimal] $gap = ($jan | Where-Object Time -eq $clRoll.AddMinutes(-30)).Close - $dec[-1].Close
        @($bars | Where-Object Time -lt $clRoll).Close | Should -Be @($dec | ForEach-Object { $_.Close + $gap })
        @($bars | Where-Object Time -ge $clRoll).Close | Should -Be @($jan | Where-Object Time -ge $clRoll).Close
    }

    It 'bad input is a specific error and the good symbols still load' {
        $errors = @()
        $ok = @(Get-PxBar NOPE, MNQ 30min -Start $Start -End $End -Continuous -ErrorVariable +errors -ErrorAction SilentlyContinue)
        $ok.Count | Should -Be 10
        Get-ErrorId $errors | Should -Be 'ProjectX.UnknownProduct'
        $errors.CategoryInfo.Category | Should -Be 'ObjectNotFound'

        $old = @()
        Get-PxBar MNQ 1d -Start 1999-06-01 -End 2000-06-01 -Continuous -ErrorVariable +old -ErrorAction SilentlyContinue
        Get-ErrorId $old | Should -Be 'ProjectX.OutsideContractHistory'

        { Get-PxBar MNQ 30min -Count 5 -Adjustment Ratio } | Should -Throw -ErrorId 'ProjectX.AdjustmentWithoutContinuous,ProjectX.PowerShell.Commands.GetPxBarCommand'
    }
}
