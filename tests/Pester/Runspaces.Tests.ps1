# Runspaces as pwsh users make them: ForEach-Object -Parallel and Start-ThreadJob, one connection per runspace or one
# -Connection shared by all, and a closing runspace closing the connections it opened.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    $script:ModuleManifest = Get-ModuleManifestPath
    Import-Module $script:ModuleManifest
    $script:Simulator = Start-TestSimulator

    <# Established TCP connections from this machine to the simulator's port (only this file talks to it). #>
    function script:Get-SimulatorSocketCount {
        $port = '{0:X4}' -f $script:Simulator.Port
        @(Get-Content /proc/net/tcp, /proc/net/tcp6 | Where-Object { $_ -match "^\s*\d+: \S+ \S+:$port 01 " }).Count
    }
}

AfterAll {
    try { Disconnect-ProjectX } catch { }
    Stop-TestSimulator $script:Simulator
}

Describe 'One connection per runspace' {
    It 'ForEach-Object -Parallel: each runspace connects on its own' {
        $accounts = 'PRAC-V2-DEMO-50K', 'PRAC-V2-DEMO-150K', 'PRAC-V2-DEMO-POSBRK' | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:ModuleManifest
            Connect-ProjectX -Simulator -Account $_
            [pscustomobject]@{ Asked = $_; Default = (Get-PxConnection).Account; Accounts = @(Get-PxAccount).Count }
        }
        foreach ($result in $accounts) {
            $result.Default | Should -Be $result.Asked
            $result.Accounts | Should -BeGreaterThan 1
        }
    }

    It 'Start-ThreadJob: a job has no default connection until it connects, and never sees this one' {
        Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModuleManifest
            try { Get-PxAccount | Out-Null; 'connected?' } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            Connect-ProjectX -Simulator -UserName trader2 -ApiKey trader2-api-key
            (Get-PxAccount).AccountId
        }
        $job | Receive-Job -Wait -AutoRemoveJob | Should -Be 'ProjectX.NotConnected', 2001
        (Get-PxConnection).Account | Should -Be 'PRAC-V2-DEMO-150K'
        (Get-PxAccount).AccountId | Should -Not -Contain 2001
    }

    It 'Disconnect-ProjectX in one runspace leaves the other connected' {
        Connect-ProjectX -Simulator
        Start-ThreadJob -ScriptBlock { Import-Module $using:ModuleManifest; Connect-ProjectX -Simulator; Disconnect-ProjectX; 'done' } |
            Receive-Job -Wait -AutoRemoveJob | Should -Be 'done'
        @(Get-PxAccount).Count | Should -BeGreaterThan 0
    }
}

Describe 'One connection shared through -Connection' {
    It 'ForEach-Object -Parallel and Start-ThreadJob use the connection this runspace made' {
        $shared = Connect-ProjectX -Simulator -UserName trader2 -ApiKey trader2-api-key -PassThru
        $parallel = 1..3 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:ModuleManifest
            (Get-PxAccount -Connection $using:shared).AccountId
        }
        $parallel | Should -Be 2001, 2001, 2001
        Start-ThreadJob -ScriptBlock { Import-Module $using:ModuleManifest; (Get-PxInstrument MNQ -Connection $using:shared).Symbol } |
            Receive-Job -Wait -AutoRemoveJob | Should -Be 'MNQ'
        # The runspaces that borrowed it have closed; it is still open here.
        $shared.IsDisposed | Should -BeFalse
        (Get-PxAccount -Connection $shared).AccountId | Should -Be 2001
    }
}

Describe '-Verbose belongs to the pipeline that asked for it' {
    It 'a shared connection shows this runspace''s calls only, not another runspace''s' {
        $shared = Connect-ProjectX -Simulator -UserName trader2 -ApiKey trader2-api-key -NoRealtime -PassThru
        $sync = [hashtable]::Synchronized(@{ Started = $false; Stop = $false; Calls = 0 })
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModuleManifest
            $sync = $using:sync
            while (-not $sync.Stop) {
                $null = Get-PxPosition -Connection $using:shared
                $sync.Calls++
                $sync.Started = $true
            }
        }
        try {
            $null = Wait-Condition -Because 'the other runspace calling the gateway' { $sync.Started }
            $verbose = 1..5 | ForEach-Object { Get-PxAccount -Connection $shared -Verbose 4>&1 } |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        }
        finally {
            $sync.Stop = $true
            $job | Receive-Job -Wait -AutoRemoveJob
        }
        $sync.Calls | Should -BeGreaterThan 1
        $verbose.Count | Should -Be 5
        $verbose | Should -Match '^Account/search: succeeded'
    }
}

Describe 'A runspace that closes' {
    BeforeAll {
        $script:Login = @{ UserName = $DemoUserName; ApiKey = $DemoApiKey; ApiUrl = $script:Simulator.Url }
        $null = Wait-Condition -Because 'no connection to the simulator yet' { (Get-SimulatorSocketCount) -eq 0 }
    }

    It 'ForEach-Object -Parallel: closes the connections its runspaces opened (their sockets too)' {
        $opened = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:ModuleManifest
            $login = $using:Login
            Connect-ProjectX @login -PassThru
        }
        $opened.Count | Should -Be 2
        $null = Wait-Condition -Because 'the closed runspaces to close their connections' { @($opened | Where-Object IsDisposed).Count -eq 2 }
        $opened.UserHubState | Should -Be 'Disconnected', 'Disconnected'
        $null = Wait-Condition -Because 'their sockets to close' { (Get-SimulatorSocketCount) -eq 0 }
    }

    It 'Start-ThreadJob: closes the connection the job opened' {
        $opened = Start-ThreadJob -ScriptBlock {
            Import-Module $using:ModuleManifest
            $login = $using:Login
            Connect-ProjectX @login -PassThru
        } | Receive-Job -Wait -AutoRemoveJob
        $null = Wait-Condition -Because 'the finished job to close its connection' { $opened.IsDisposed }
        $null = Wait-Condition -Because 'its sockets to close' { (Get-SimulatorSocketCount) -eq 0 }
    }
}
