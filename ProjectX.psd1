@{
    RootModule           = 'ProjectX.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'cb8b89c2-69e9-47cd-8820-a69ac549924e'
    Author               = 'ProjectX PowerShell contributors'
    CompanyName          = 'Community'
    Copyright            = '(c) ProjectX PowerShell contributors. MIT License.'
    Description          = 'Trade through the ProjectX Gateway API (TopstepX and other prop firms) from PowerShell: typed cmdlets, realtime events and an offline simulator.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('ProjectX.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-ProjectX'
        'Disconnect-ProjectX'
        'Get-PxAccount'
        'Get-PxInstrument'
        'Get-PxConnection'
        'Get-PxBar'
        'New-PxOrder'
        'Get-PxOrder'
        'Set-PxOrder'
        'Stop-PxOrder'
        'Wait-PxOrder'
        'Get-PxPosition'
        'Close-PxPosition'
        'Get-PxTrade'
        'Get-PxPortfolio'
        'Get-PxQuote'
        'Watch-PxQuote'
        'Get-PxOrderBook'
        'Start-PxDataFeed'
        'Stop-PxDataFeed'
        'Register-PxEvent'
        'Add-PxIndicator'
        'Get-PxSession'
        'Test-PxMarketOpen'
        'Get-PxTradeJournal'
        'Get-PxStatistics'
        'Export-PxTradeJournal'
        'Get-PxRiskStatus'
        'Set-PxRiskRule'
        'Unlock-PxRisk'
        'Get-PxPositionSize'
        'Set-PxPositionProtection'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # The same repository address the help's online links use (docs/en-US front matter).
            ProjectUri   = 'https://github.com/projectx-powershell/ProjectX'
            LicenseUri   = 'https://github.com/projectx-powershell/ProjectX/blob/main/LICENSE'
            Tags         = @('ProjectX', 'TopstepX', 'Trading', 'Futures', 'Gateway', 'Simulator', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ReleaseNotes = 'Initial preview: Connect-ProjectX (environment, credential, API key or in-process simulator), Disconnect-ProjectX, Get-PxAccount, Get-PxInstrument, Get-PxConnection, Get-PxBar; orders (New/Get/Set/Stop/Wait-PxOrder), positions (Get/Close-PxPosition), Get-PxTrade, Get-PxPortfolio; realtime: live hubs per connection, Register-PxEvent (PowerShell events), Get-PxQuote, Watch-PxQuote, Get-PxOrderBook, Start/Stop-PxDataFeed and Get-PxBar -Live, live unrealized PnL, event-driven -Wait.'
        }
    }
}
