# Connect-ProjectX in every parameter set (in-process simulator, simulator process, environment, vault),
# Get-PxConnection, Disconnect-ProjectX, and what a failed connection says.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    $script:Simulator = Start-TestSimulator
    $script:CredentialVariables = 'PROJECTX_USERNAME', 'PROJECT_X_USERNAME', 'PROJECTX_API_KEY', 'PROJECT_X_API_KEY', 'PROJECTX_API_URL',
    'PROJECTX_USER_HUB_URL', 'PROJECTX_MARKET_HUB_URL', 'PROJECTX_FIRM', 'PROJECTX_ACCOUNT', 'PROJECT_X_ACCOUNT_NAME', 'PROJECT_X_ACCOUNT', 'PX_TEST_USER', 'PX_TEST_KEY'

    <# Runs $Body with exactly these ProjectX variables set (the rest cleared), then restores the process environment. #>
    function script:With-Environment([hashtable] $Values, [scriptblock] $Body) {
        $saved = @{}
        foreach ($name in $script:CredentialVariables) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            foreach ($name in $script:CredentialVariables) { [Environment]::SetEnvironmentVariable($name, $Values[$name]) }
            & $Body
        }
        finally {
            foreach ($name in $script:CredentialVariables) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    # A Get-Secret stand-in, found by name exactly as SecretManagement's would be: 'ProjectX' is a PSCredential,
    # 'Hashtable' a UserName/ApiKey table, 'Text' a string. The key comes from the environment, never the script.
    # Dot-sourced into a test, so only that test's scope has it.
    $script:FakeSecretManagement = {
        function Get-Secret {
            param([string] $Name)
            $key = ConvertTo-SecureString $env:PX_TEST_KEY -AsPlainText -Force
            switch ($Name) {
                'ProjectX' { [pscredential]::new($env:PX_TEST_USER, $key) }
                'Hashtable' { @{ UserName = $env:PX_TEST_USER; ApiKey = $key } }
                'Text' { 'just-a-string-secret' }
                default { throw "The secret $Name was not found." }
            }
        }
    }
}

AfterAll {
    try { Disconnect-ProjectX } catch { }
    Stop-TestSimulator $script:Simulator
}

Describe 'Connect-ProjectX -Simulator' {
    It 'makes the default connection; the read cmdlets return typed objects' {
        Connect-ProjectX -Simulator | Should -BeNullOrEmpty
        $accounts = @(Get-PxAccount)
        $accounts.AccountId | Should -Contain 1001
        $accounts.Name | Should -Not -Contain 'PRAC-V2-DEMO-CLOSED'
        $accounts[0].pstypenames[0] | Should -Be 'ProjectX.Account'
        $accounts[0].GetType().FullName | Should -Be 'ProjectX.PowerShell.Models.PxAccount'
        $mnq = Get-PxInstrument MNQ
        $mnq.Symbol | Should -Be 'MNQ'
        $mnq.ContractId | Should -BeLike 'CON.F.US.MNQ.*'
        $mnq.TickSize | Should -BeGreaterThan 0
    }

    It '-PassThru writes the connection, which shows no secret' {
        $connection = Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K -NoRealtime -PassThru
        $connection.pstypenames[0] | Should -Be 'ProjectX.Connection'
        $connection.UserName | Should -Be 'demo'
        $connection.Account | Should -Be 'PRAC-V2-DEMO-150K'
        $connection.IsSimulator | Should -BeTrue
        $connection.RealtimeEnabled | Should -BeFalse
        $connection.IsAuthenticated | Should -BeTrue
        "$connection" | Should -Not -Match 'demo-api-key'
        ($connection | Format-List * | Out-String) | Should -Not -Match 'demo-api-key'
    }

    It 'Get-PxConnection shows the user, account, token, hubs and rate limit' {
        Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
        $connection = Get-PxConnection
        $connection.Account | Should -Be 'PRAC-V2-DEMO-150K'
        $connection.AccountId | Should -Be 1002
        $connection.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        "$($connection.UserHubState)/$($connection.MarketHubState)" | Should -Be 'Connected/Connected'
        $connection.RateLimit.GlobalAvailable | Should -BeLessThan $connection.RateLimit.GlobalPermits
    }

    It 'Get-PxConnection -Connection reads the given connection, not the default' {
        $first = Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-50K -PassThru
        Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
        (Get-PxConnection -Connection $first).Account | Should -Be 'PRAC-V2-DEMO-50K'
        (Get-PxConnection).Account | Should -Be 'PRAC-V2-DEMO-150K'
    }

    It 'without realtime the hubs are NotStarted, and a disconnected connection shows Disconnected' {
        $live = Connect-ProjectX -Simulator -PassThru
        $rest = Connect-ProjectX -Simulator -NoRealtime -PassThru
        "$($live.UserHubState)/$($live.MarketHubState)/$($live.RealtimeEnabled)" | Should -Be 'Connected/Connected/True'
        "$($rest.UserHubState)/$($rest.MarketHubState)/$($rest.RealtimeEnabled)" | Should -Be 'NotStarted/NotStarted/False'
        Disconnect-ProjectX -Connection $live
        "$($live.UserHubState)/$($live.MarketHubState)" | Should -Be 'Disconnected/Disconnected'
    }

    It '-Verbose shows each API call, and each resource is read once (login and one account search without realtime) and never the key' {
        $rest = Connect-ProjectX -Simulator -NoRealtime -Verbose 4>&1 | ForEach-Object Message
        $live = Connect-ProjectX -Simulator -Verbose 4>&1 | ForEach-Object Message
        $calls = { param($lines) @($lines | Where-Object { $_ -match '^[\w/]+: succeeded' } | ForEach-Object { $_.Split(':')[0] }) }
        & $calls $rest | Should -Be 'Auth/loginKey', 'Account/search'
        # The live engine reads the accounts once (and picks the default from them), then the working orders (Suspended
        # bracket legs included), the open positions and the day's fills: five calls, where there used to be eight.
        & $calls $live | Should -Be 'Auth/loginKey', 'Account/search', 'Order/v2/query', 'Position/searchOpen', 'Trade/search'
        $live[-1] | Should -BeLike '*realtime on.'
        $rest[-1] | Should -BeLike '*realtime off.'
        $instrument = Get-PxInstrument MNQ -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $instrument | Should -Match '^Contract/\w+: succeeded in \d+ ms \(HTTP 200'
        @($rest) + @($live) + @($instrument) | Should -Not -Match 'demo-api-key'
    }

    It 'Disconnect-ProjectX closes the connection and clears the default' {
        $connection = Connect-ProjectX -Simulator -PassThru
        Disconnect-ProjectX
        $connection.IsDisposed | Should -BeTrue
        { Get-PxAccount } | Should -Throw -ErrorId 'ProjectX.NotConnected,ProjectX.PowerShell.Commands.GetPxAccountCommand'
    }
}

Describe 'Connect-ProjectX to a simulator process over HTTP' {
    It '-Credential connects, lists accounts and resolves MNQ' {
        $credential = [pscredential]::new($DemoUserName, (ConvertTo-SecureString $DemoApiKey -AsPlainText -Force))
        $connection = Connect-ProjectX -Credential $credential -ApiUrl $script:Simulator.Url -PassThru
        $connection.IsSimulator | Should -BeFalse
        $connection.ApiBaseUrl | Should -Be ([uri]$script:Simulator.Url)
        (Get-PxAccount).AccountId | Should -Contain 1001
        (Get-PxInstrument MNQ).ContractId | Should -BeLike 'CON.F.US.MNQ.*'
        # The hubs beside -ApiUrl: realtime is on.
        $connection.UserHubState | Should -Be 'Connected'
    }

    It '-UserName with a plain-string -ApiKey connects to an account by id' {
        (Connect-ProjectX -UserName $DemoUserName -ApiKey $DemoApiKey -ApiUrl $script:Simulator.Url -Account 1002 -NoRealtime -PassThru).AccountId | Should -Be 1002
    }

    It 'a wrong key is a terminating AuthenticationFailed that never shows the key' {
        $caught = try { Connect-ProjectX -UserName $DemoUserName -ApiKey 'wrong-key-456' -ApiUrl $script:Simulator.Url; 'not reached' } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.AuthenticationFailed,*'
        $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$caught $($caught.Exception)" | Should -Not -Match 'wrong-key-456'
    }
}

Describe 'Connect-ProjectX from the environment' {
    It 'reads credentials, URL and account from PROJECTX_* variables' {
        With-Environment @{ PROJECTX_USERNAME = $DemoUserName; PROJECTX_API_KEY = $DemoApiKey; PROJECTX_API_URL = $script:Simulator.Url; PROJECTX_ACCOUNT = 'PRAC-V2-DEMO-150K' } {
            (Connect-ProjectX -NoRealtime -PassThru).Account | Should -Be 'PRAC-V2-DEMO-150K'
        }
    }

    It 'PROJECTX_API_URL moves the hubs too, exactly as -ApiUrl does' {
        With-Environment @{ PROJECTX_USERNAME = $DemoUserName; PROJECTX_API_KEY = $DemoApiKey; PROJECTX_API_URL = $script:Simulator.Url } {
            $connection = Connect-ProjectX -PassThru -WarningVariable warned -WarningAction SilentlyContinue
            $warned | Should -BeNullOrEmpty
            # The hubs are the simulator's (realtime is on); at TopstepX's host they could not even be reached here.
            "$($connection.UserHubState)/$($connection.MarketHubState)" | Should -Be 'Connected/Connected'
        }
    }

    It 'without credentials is a terminating MissingCredentials that names the variables' {
        With-Environment @{} {
            $caught = try { Connect-ProjectX; 'not reached' } catch { $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.MissingCredentials,*'
            $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $caught.Exception.Message | Should -BeLike '*PROJECTX_API_KEY*'
        }
    }

    It 'a malformed <Variable> is a terminating <ErrorId> without the key' -ForEach @(
        @{ Variable = 'PROJECTX_API_URL'; Value = 'not a url'; ErrorId = 'ProjectX.InvalidArgument' }
        @{ Variable = 'PROJECTX_FIRM'; Value = 'Not A Firm!'; ErrorId = 'ProjectX.UnknownFirm' }) {
        With-Environment @{ PROJECTX_USERNAME = $DemoUserName; PROJECTX_API_KEY = $DemoApiKey; $Variable = $Value } {
            $caught = try { Connect-ProjectX -NoRealtime; 'not reached' } catch { $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $caught.Exception.Message | Should -Not -Match $DemoApiKey
        }
    }
}

Describe 'Connect-ProjectX when the gateway cannot be reached' {
    It 'nothing listening is a terminating ConnectionFailed' {
        $port = Get-FreeTcpPort
        $caught = try { Connect-ProjectX -UserName $DemoUserName -ApiKey $DemoApiKey -ApiUrl "http://127.0.0.1:$port" -NoRealtime; 'not reached' } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.ConnectionFailed,*'
        $caught.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'a server that accepts but never answers is a terminating Timeout after -TimeoutSec' {
        $silent = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $silent.Start()
        try {
            $caught = try { Connect-ProjectX -UserName $DemoUserName -ApiKey $DemoApiKey -ApiUrl "http://127.0.0.1:$($silent.LocalEndpoint.Port)" -TimeoutSec 2 -NoRealtime; 'not reached' } catch { $_ }
        }
        finally { $silent.Stop() }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.Timeout,*'
        $caught.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $caught.Exception.Message | Should -BeLike '*-TimeoutSec 2*'
    }

    It 'an unknown -Firm is rejected at once, before any request' {
        $verbose = $null
        $caught = try { Connect-ProjectX -Firm acme -UserName u -ApiKey k -Verbose 4>&1 | Tee-Object -Variable verbose | Out-Null; 'not reached' } catch { $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.UnknownFirm,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -BeLike '*topstepx*-ApiUrl*'
        $verbose | Should -BeNullOrEmpty
    }

    It 'an unknown account names the cmdlet that lists them, not a C# method' {
        $caught = try { Connect-ProjectX -Simulator -Account NO-SUCH-ACCOUNT; 'not reached' } catch { $_ }
        "$caught" | Should -BeLike '*Get-PxAccount*'
        "$caught" | Should -Not -Match 'Async\b'
    }
}

Describe 'Connect-ProjectX from a SecretManagement vault' {
    It 'uses the ProjectX secret when the environment has no credentials' {
        . $script:FakeSecretManagement
        With-Environment @{ PX_TEST_USER = $DemoUserName; PX_TEST_KEY = $DemoApiKey } {
            (Connect-ProjectX -ApiUrl $script:Simulator.Url -NoRealtime -PassThru).UserName | Should -Be $DemoUserName
        }
    }

    It '-SecretName wins over the environment and takes a hashtable' {
        . $script:FakeSecretManagement
        With-Environment @{ PX_TEST_USER = $DemoUserName; PX_TEST_KEY = $DemoApiKey; PROJECTX_USERNAME = 'someone-else'; PROJECTX_API_KEY = 'a-wrong-key' } {
            (Connect-ProjectX -SecretName Hashtable -ApiUrl $script:Simulator.Url -NoRealtime -PassThru).UserName | Should -Be $DemoUserName
        }
    }

    It '<Command> is a terminating MissingCredentials saying <Expected>' -ForEach @(
        @{ WithGetSecret = $false; Command = 'Connect-ProjectX -SecretName ProjectX'; Expected = 'Microsoft.PowerShell.SecretManagement' }
        @{ WithGetSecret = $true; Command = 'Connect-ProjectX -SecretName Missing'; Expected = "Get-Secret -Name 'Missing' failed: The secret Missing was not found." }
        @{ WithGetSecret = $true; Command = 'Connect-ProjectX -SecretName Text'; Expected = "Secret 'Text' is not a ProjectX credential" }
        @{ WithGetSecret = $true; Command = 'Connect-ProjectX'; Expected = 'PROJECTX_API_KEY' }) {
        if ($WithGetSecret) { . $script:FakeSecretManagement }
        With-Environment @{ PX_TEST_USER = ''; PX_TEST_KEY = $DemoApiKey } {
            $caught = try { . ([scriptblock]::Create("$Command -ApiUrl '$($script:Simulator.Url)' -NoRealtime")); 'not reached' } catch { $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'ProjectX.MissingCredentials,*'
            $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $caught.Exception.Message | Should -BeLike "*$([WildcardPattern]::Escape($Expected))*"
            $caught.Exception.Message | Should -Not -Match 'just-a-string-secret|demo-api-key'
        }
    }
}
