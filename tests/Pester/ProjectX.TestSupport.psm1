# Helpers shared by the Pester suite: where the built artefacts are, a simulator process of a test file's own, an
# independent REST view of it, child pwsh processes (as a scheduler runs scripts) and waiting for a condition.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Configuration = if ($env:PROJECTX_TEST_CONFIGURATION) { $env:PROJECTX_TEST_CONFIGURATION } else { 'Debug' }

# The simulator's public demo login (SimulatorOptions.DemoUserName / DemoApiKey).
$script:DemoUserName = 'demo'
$script:DemoApiKey = 'demo-api-key'

# Variables a child process must never inherit from this one (other tests set them).
$script:PrivatePrefixes = 'PROJECTX_', 'PROJECT_X_', 'PX_TEST_'

# What ProjectX writes per user (the trade journal, the risk guard's state) goes to a temp folder of this test
# process's own, never to the user's data folder (~/.local/share/ProjectX): a stale file there must not decide a test,
# and a test must not leave one. This process uses $script:UserDataRoot; each child pwsh gets a fresh folder under it.
$script:UserDataVariables = 'PROJECTX_JOURNAL_DIR', 'PROJECTX_RISK_STATE_DIR'
$script:UserDataRoot = Join-Path ([IO.Path]::GetTempPath()) "projectx-pester-userdata-$PID-$([guid]::NewGuid().ToString('n'))"
Remove-Item Env:PROJECTX_JOURNAL_PATH -ErrorAction Ignore
$env:PROJECTX_JOURNAL_DIR = Join-Path $script:UserDataRoot 'journal'
$env:PROJECTX_RISK_STATE_DIR = Join-Path $script:UserDataRoot 'risk'
$ExecutionContext.SessionState.Module.OnRemove = { Remove-Item -LiteralPath $script:UserDataRoot -Recurse -Force -ErrorAction Ignore }

<# The per-user data variables for a child process: a fresh folder each (its in-process simulator starts afresh too). #>
function New-ChildUserDataEnvironment {
    $folder = Join-Path $script:UserDataRoot "child-$([guid]::NewGuid().ToString('n'))"
    @{ PROJECTX_JOURNAL_DIR = Join-Path $folder 'journal'; PROJECTX_RISK_STATE_DIR = Join-Path $folder 'risk' }
}

function Get-RepoRoot { $script:RepoRoot }

<# The built module users import (out/ProjectX). #>
function Get-ModuleManifestPath {
    $path = Join-Path $script:RepoRoot 'out/ProjectX/ProjectX.psd1'
    if (-not (Test-Path -LiteralPath $path)) { throw "The module is not built: $path. Run ./build.ps1 -Task Build." }
    $path
}

function Get-SimulatorPath {
    $path = Join-Path $script:RepoRoot "src/ProjectX.Simulator/bin/$script:Configuration/net10.0/ProjectX.Simulator.dll"
    if (-not (Test-Path -LiteralPath $path)) { throw "The simulator is not built: $path. Run ./build.ps1 -Task Build." }
    $path
}

<# The pwsh running this suite, as a command line: under `dotnet pwsh` the process is dotnet and pwsh.dll its argument. #>
function Get-PwshCommand {
    if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { [Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll') }
    else { , [Environment]::ProcessPath }
}

<#
.SYNOPSIS
    Polls a condition until it returns a truthy value, and returns that value; throws with -Because after -Timeout.
    The simulated market moves and the machine is loaded: tests wait for conditions, never for a time.
#>
function Wait-Condition {
    param(
        [Parameter(Mandatory)] [scriptblock] $Condition,
        [double] $TimeoutSeconds = 60,
        [int] $IntervalMilliseconds = 100,
        [string] $Because = 'the condition'
    )
    $deadline = [DateTimeOffset]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $value = & $Condition
        if ($value) { return $value }
        if ([DateTimeOffset]::UtcNow -ge $deadline) { throw "Timed out after $TimeoutSeconds s waiting for $Because." }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    }
}

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

<#
.SYNOPSIS
    Starts the simulator host as a process of its own on a free loopback port (server-side rate limits off, so a
    file's many calls never meet a 429) and returns { Url; Process; Port }. It is ready when it answers a login.
#>
function Start-TestSimulator {
    param([string] $ConfigJson = '{ "rateLimits": { "enabled": false } }')
    $dll = Get-SimulatorPath
    $configPath = Join-Path ([IO.Path]::GetTempPath()) "projectx-sim-$([guid]::NewGuid().ToString('n')).json"
    Set-Content -LiteralPath $configPath -Value $ConfigJson
    for ($attempt = 1; ; $attempt++) {
        $port = Get-FreeTcpPort
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in $dll, '--port', $port, '--config', $configPath) { $start.ArgumentList.Add([string]$argument) }
        $start.UseShellExecute = $false
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($start)
        # Drain the output so the process never blocks on a full pipe.
        $null = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        $url = "http://127.0.0.1:$port"
        $simulator = [pscustomobject]@{ Url = $url; Port = $port; Process = $process; ConfigPath = $configPath; Token = $null }
        $ready = Wait-Condition -TimeoutSeconds 90 -Because "the simulator at $url" -Condition {
            if ($process.HasExited) { return 'exited' }
            try { $simulator.Token = (Invoke-RestMethod -Method Post -Uri "$url/api/Auth/loginKey" -ContentType 'application/json' -Body (@{ userName = $script:DemoUserName; apiKey = $script:DemoApiKey } | ConvertTo-Json) -TimeoutSec 5).token; 'ready' }
            catch { $null }
        }
        if ($ready -eq 'ready') { return $simulator }
        # The port was taken between choosing and binding it: try another.
        if ($attempt -ge 3) { throw "The simulator did not start: $($stderr.Result)" }
    }
}

function Stop-TestSimulator {
    param([Parameter(Mandatory)] $Simulator)
    if (-not $Simulator.Process.HasExited) {
        $Simulator.Process.Kill($true)
        $Simulator.Process.WaitForExit()
    }
    $Simulator.Process.Dispose()
    Remove-Item -LiteralPath $Simulator.ConfigPath -ErrorAction Ignore
}

<#
.SYNOPSIS
    A raw REST call to a simulator process with its own login: an independent view, so a test can prove what the
    module did or did not send without trusting the module.
#>
function Invoke-SimulatorApi {
    param(
        [Parameter(Mandatory)] $Simulator,
        [Parameter(Mandatory)] [string] $Operation,
        [hashtable] $Body = @{}
    )
    $response = Invoke-RestMethod -Method Post -Uri "$($Simulator.Url)/api/$Operation" -ContentType 'application/json' `
        -Headers @{ Authorization = "Bearer $($Simulator.Token)" } -Body ($Body | ConvertTo-Json -Depth 5) -TimeoutSec 30
    if (-not $response.success) { throw "$Operation failed: $($response | ConvertTo-Json -Compress)" }
    $response
}

<# Every order of the account created in the last day, any status (Order/search). #>
function Get-SimulatorOrder {
    param([Parameter(Mandatory)] $Simulator, [int] $AccountId = 1001)
    @((Invoke-SimulatorApi $Simulator 'Order/search' @{ accountId = $AccountId; startTimestamp = [DateTimeOffset]::UtcNow.AddDays(-1).ToString('o') }).orders)
}

<# Open positions (Position/searchOpen). #>
function Get-SimulatorPosition {
    param([Parameter(Mandatory)] $Simulator, [int] $AccountId = 1001)
    @((Invoke-SimulatorApi $Simulator 'Position/searchOpen' @{ accountId = $AccountId }).positions)
}

<#
.SYNOPSIS
    Runs pwsh as a separate process, the way a scheduler runs a script: no console input, and only the ProjectX
    variables given in -Environment (inherited ones are removed), plus a journal and risk state folder of its own
    (New-ChildUserDataEnvironment; -Environment can name others). Returns { ExitCode; StdOut; StdErr }.
#>
function Invoke-TestPwsh {
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command')] [string] $Command,
        [Parameter(Mandatory, ParameterSetName = 'File')] [string] $File,
        [Parameter(ParameterSetName = 'File')] [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        # pwsh switches before -Command/-File, e.g. -NonInteractive.
        [string[]] $PwshOption = @(),
        # Open stdin as /dev/null (a cron job) instead of a closed pipe.
        [switch] $NullInput,
        [int] $TimeoutSeconds = 300,
        [string] $WorkingDirectory = $script:RepoRoot
    )
    $exe, $first = @(Get-PwshCommand)
    $start = [System.Diagnostics.ProcessStartInfo]::new($exe)
    foreach ($argument in @($first) + @('-NoProfile') + $PwshOption) { if ($argument) { $start.ArgumentList.Add($argument) } }
    if ($PSCmdlet.ParameterSetName -eq 'Command') {
        $start.ArgumentList.Add('-Command')
        $start.ArgumentList.Add($Command)
    }
    else {
        $start.ArgumentList.Add('-File')
        $start.ArgumentList.Add($File)
        foreach ($argument in $ArgumentList) { $start.ArgumentList.Add($argument) }
    }
    $start.UseShellExecute = $false
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.RedirectStandardInput = -not $NullInput
    $start.WorkingDirectory = $WorkingDirectory
    foreach ($name in @($start.Environment.Keys)) {
        if ($script:PrivatePrefixes.Where({ $name.StartsWith($_, [StringComparison]::OrdinalIgnoreCase) })) { $null = $start.Environment.Remove($name) }
    }
    # A predictable console for the output the tests read: no colours, the width of a redirected log.
    $start.Environment['NO_COLOR'] = '1'
    $start.Environment['TERM'] = 'dumb'
    # Its own journal and risk state folder, unless the test names one in -Environment (applied next).
    $userData = New-ChildUserDataEnvironment
    foreach ($entry in $userData.GetEnumerator()) { $start.Environment[$entry.Key] = $entry.Value }
    foreach ($entry in $Environment.GetEnumerator()) { $start.Environment[$entry.Key] = [string]$entry.Value }
    if ($NullInput) {
        # /dev/null as stdin: ProcessStartInfo cannot say that, so the shell does.
        $quoted = @($start.ArgumentList | ForEach-Object { "'" + ($_ -replace "'", "'\''") + "'" }) -join ' '
        $start.ArgumentList.Clear()
        $start.ArgumentList.Add('-c')
        $start.ArgumentList.Add("exec '$exe' $quoted < /dev/null")
        $start.FileName = '/bin/sh'
    }
    $process = [System.Diagnostics.Process]::Start($start)
    try {
        if (-not $NullInput) { $process.StandardInput.Close() }
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "pwsh did not exit within $TimeoutSeconds s: $($start.ArgumentList -join ' ')"
        }
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result }
    }
    finally {
        $process.Dispose()
        Remove-Item -LiteralPath (Split-Path $userData.PROJECTX_JOURNAL_DIR) -Recurse -Force -ErrorAction Ignore
    }
}

<# The environment a scheduled job has for a simulator process. #>
function Get-GatewayEnvironment {
    param([Parameter(Mandatory)] $Simulator, [string] $ApiKey = $script:DemoApiKey, [string] $Account = 'PRAC-V2-DEMO-50K')
    @{ PROJECTX_USERNAME = $script:DemoUserName; PROJECTX_API_KEY = $ApiKey; PROJECTX_ACCOUNT = $Account; PROJECTX_API_URL = $Simulator.Url }
}

<#
.SYNOPSIS
    Connects afresh to a simulator process (a fresh client-side rate-limit budget) and cancels every order and closes
    every position on the given accounts, so each test starts flat.
#>
function Reset-TestAccount {
    param([Parameter(Mandatory)] $Simulator, [string[]] $Account = @('PRAC-V2-DEMO-50K', 'PRAC-V2-DEMO-150K'))
    try { Disconnect-ProjectX } catch { }
    Connect-ProjectX -UserName $script:DemoUserName -ApiKey $script:DemoApiKey -ApiUrl $Simulator.Url -Account $Account[0]
    foreach ($name in $Account) {
        Stop-PxOrder -All -Account $name -Confirm:$false
        Close-PxPosition -All -Account $name -Confirm:$false
    }
}



<#
.SYNOPSIS
    What PowerShell shows the user while $Script runs (the "What if:" lines of -WhatIf go to the host, not to a
    stream), read from a transcript. Returns the lines; the script's output is discarded.
#>
function Get-HostOutput {
    param([Parameter(Mandatory)] [scriptblock] $Script)
    $path = Join-Path ([IO.Path]::GetTempPath()) "projectx-host-$([guid]::NewGuid().ToString('n')).txt"
    $null = Start-Transcript -LiteralPath $path -UseMinimalHeader
    try { $null = & $Script }
    finally {
        $null = Stop-Transcript
        $lines = @(Get-Content -LiteralPath $path)
        Remove-Item -LiteralPath $path
    }
    $lines
}

<# The "What if:" lines of Get-HostOutput. #>
function Get-WhatIfLine {
    param([Parameter(Mandatory)] [scriptblock] $Script)
    @(Get-HostOutput $Script | Where-Object { $_ -like 'What if:*' })
}

<# An on-tick price far below the market, so a buy limit there rests. #>
function Get-FarBelowPrice {
    param([string] $Symbol = 'MNQ', [decimal] $Distance = 500)
    $last = @(Get-PxBar $Symbol -Timeframe 1min -Count 1)[-1].Close
    $tick = (Get-PxInstrument $Symbol).TickSize
    [math]::Floor(($last - $Distance) / $tick) * $tick
}
Export-ModuleMember -Function * -Variable DemoUserName, DemoApiKey
