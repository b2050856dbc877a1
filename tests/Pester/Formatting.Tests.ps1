# Every format view rendered at 80 columns (a default console, a redirected log), deserialized objects, and values as
# ConvertTo-Json and Export-Csv write them. Trades on the in-process simulator's PRAC-V2-DEMO-150K account.
BeforeAll {
    Import-Module "$PSScriptRoot/ProjectX.TestSupport.psm1" -Force
    Import-Module (Get-ModuleManifestPath)
    Connect-ProjectX -Simulator -Account PRAC-V2-DEMO-150K
    Stop-PxOrder -All -Confirm:$false
    Close-PxPosition -All -Confirm:$false

    <# Renders through the default view at 80 columns, and checks that every line fits and nothing is cut off. #>
    function script:Show-At80([Parameter(ValueFromPipeline)] $InputObject, [switch] $List) {
        begin { $all = [System.Collections.Generic.List[object]]::new() }
        process { $all.Add($InputObject) }
        end {
            $text = if ($List) { $all | Format-List | Out-String -Width 80 } else { $all | Out-String -Width 80 }
            foreach ($line in $text -split '\r?\n') {
                $line.Length | Should -BeLessOrEqual 80 -Because "every line fits 80 columns: '$line'"
            }
            $text | Should -Not -Match '…' -Because "no value is cut off:`n$text"
            $text
        }
    }

    $script:Mnq = Get-PxInstrument MNQ
    $script:Far = Get-FarBelowPrice
    $script:Entry = New-PxOrder MNQ Buy 1 -LimitPrice $script:Far -StopLossTicks 20 -TakeProfitTicks 40 -Confirm:$false
    $script:Fill = New-PxOrder MNQ Buy 2 -Wait -Confirm:$false
}

AfterAll {
    Stop-PxOrder -All -Confirm:$false
    Close-PxPosition -All -Confirm:$false
    try { Disconnect-ProjectX } catch { }
}

Describe 'The table views at 80 columns' {
    It 'Account shows the balance as money' {
        $text = Get-PxAccount | Show-At80
        $text | Should -Match 'AccountId\s+Name\s+Balance\s+CanTrade\s+Simulated'
        $text | Should -Match '1002\s+PRAC-V2-DEMO-150K\s+1\d\d,\d{3}\.\d\d\s+True\s+True'
    }

    It 'Instrument shows the tick value in full, as money, and the tick size exactly' {
        $text = Get-PxInstrument MNQ, 6E, GC | Show-At80
        $text | Should -Match 'Symbol\s+Name\s+ContractId\s+TickSize\s+TickValue\s+Description'
        $text | Should -Match "MNQ\s+MNQ\w\d\s+CON\.F\.US\.MNQ\.\w+\s+0\.25\s+0\.50\s"
        foreach ($instrument in Get-PxInstrument 6E, GC) {
            $text | Should -Match ("\s{0}\s+{1}\s" -f [regex]::Escape("$([decimal]$instrument.TickSize)"), [regex]::Escape($instrument.TickValue.ToString('N2')))
        }
    }

    It 'Order shows the whole id, the price to the tick, and the fill' {
        $legs = @(Get-PxOrder -Open | Where-Object ParentOrderId -EQ $script:Entry.OrderId)
        $text = @($script:Entry) + $legs + @($script:Fill) | Show-At80
        $text | Should -Match 'OrderId\s+Contract\s+Side\s+Size\s+Type\s+Status\s+Price\s+Filled'
        $text | Should -Match ("{0}\s+MNQ\w\d\s+Buy\s+1\s+Limit\s+Open\s+{1}\s" -f $script:Entry.OrderId, [regex]::Escape($script:Far.ToString('F2')))
        $text | Should -Match ("{0}\s+MNQ\w\d\s+Buy\s+2\s+Market\s+Filled\s+2 @ {1}" -f $script:Fill.OrderId, [regex]::Escape($script:Fill.FilledPrice.ToString('F2')))
        foreach ($leg in $legs) { $text | Should -Match "$($leg.OrderId)\s+MNQ\w\d\s+Sell\s+1\s+\w+\s+Suspended" }
    }

    It 'Position shows the average price to the tick and the PnL as money' {
        $position = Get-PxPosition MNQ
        $text = $position | Show-At80
        $text | Should -Match 'Account\s+Symbol\s+Contract\s+Side\s+Size\s+AveragePrice\s+UnrealizedPnL'
        $text | Should -Match ("1002\s+MNQ\s+MNQ\w\d\s+Long\s+2\s+{0}\s+-?[\d,]+\.\d\d" -f [regex]::Escape($position.AveragePrice.ToString('F2')))
    }

    It 'Trade shows the fees, the realized PnL and the price' {
        $trades = @(Get-PxTrade -Since ([datetime]::UtcNow.AddMinutes(-10)))
        $text = $trades | Show-At80
        $text | Should -Match 'Time\s+Contract\s+Side\s+Size\s+Price\s+RealizedPnL\s+Fees'
        $fill = $trades | Where-Object OrderId -EQ $script:Fill.OrderId
        $text | Should -Match ("{0}\s+MNQ\w\d\s+Buy\s+2\s+{1}\s+{2}" -f [regex]::Escape($fill.Time.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss') + 'Z'), [regex]::Escape($fill.Price.ToString('F2')), [regex]::Escape($fill.Fees.ToString('N2')))
    }

    It 'Bar groups by series and shows the prices to the tick' {
        $bars = @(Get-PxBar MNQ, MES -Timeframe 5min -Count 3)
        $text = $bars | Show-At80
        $text | Should -Match 'Bars: MNQ 5min'
        $text | Should -Match 'Bars: MES 5min'
        $text | Should -Match 'Time\s+Open\s+High\s+Low\s+Close\s+Volume'
        $text | Should -Match ('{0}\s+{1}\s+' -f [regex]::Escape($bars[0].Time.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss') + 'Z'), [regex]::Escape($bars[0].Open.ToString('F2')))
    }

    It 'Quote, OrderBook and MarketTrade show prices to the tick' {
        $quote = Get-PxQuote MNQ
        $quoteText = $quote | Show-At80
        $quoteText | Should -Match 'Symbol\s+Bid\s+Ask\s+Last\s+Spread\s+Volume\s+Time'
        $quoteText | Should -Match ('MNQ\s+{0}\s+{1}\s' -f [regex]::Escape($quote.Bid.ToString('F2')), [regex]::Escape($quote.Ask.ToString('F2')))
        $bookText = Get-PxOrderBook MNQ -Levels 2 | Show-At80
        $bookText | Should -Match 'Symbol\s+BidSize\s+Bid\s+Ask\s+AskSize\s+Spread\s+Imbalance\s+Levels'
        $bookText | Should -Match 'MNQ\s+\d+\s+\d+\.\d\d\s+\d+\.\d\d\s+\d+\s+\d+\.\d\d\s+-?[\d.]+\s+\d/\d'
        Register-PxEvent MarketTrade -Symbol MNQ -SourceIdentifier F.Prints
        try { $print = (Wait-Event -SourceIdentifier F.Prints -Timeout 30).SourceEventArgs.MarketTrade }
        finally { Unregister-Event -SourceIdentifier F.Prints; Remove-Event -SourceIdentifier F.Prints -ErrorAction Ignore }
        $print | Show-At80 | Should -Match ('MNQ\s+(Buy|Sell)\s+\d+\s+{0}\s' -f [regex]::Escape($print.Price.ToString('F2')))
    }

    It 'DataFeed wraps a long list of timeframes rather than cutting it' {
        $feed = Start-PxDataFeed MNQ -Timeframe 1min, 2min, 3min, 5min, 10min, 15min, 30min, 1h -HistoryCount 5
        try {
            $text = $feed | Show-At80
            $text | Should -Match 'Symbol\s+Contract\s+Timeframes\s+ClosedBars'
            foreach ($bars in '1min=5', '2min=5', '3min=5', '5min=5', '10min=5', '15min=5', '30min=5', '1h=5') { $text | Should -Match "\b$bars\b" }
        }
        finally { Stop-PxDataFeed }
    }
}

Describe 'The list views at 80 columns' {
    It 'Connection, Portfolio, Order and Trade lists show times in the one UTC format and money with 2 decimals' {
        $connection = Get-PxConnection | Show-At80
        $connection | Should -Match 'UserHubState\s+: Connected'
        $connection | Should -Match 'RateLimit\s+: global \d+/200'
        $connection | Should -Match 'TokenExpiresAt\s+: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
        $portfolio = Get-PxPortfolio | Show-At80
        $portfolio | Should -Match 'UnrealizedPnL\s+: -?[\d,]+\.\d\d'
        $portfolio | Should -Match 'Balance\s+: 1\d\d,\d{3}\.\d\d'
        $portfolio | Should -Match 'Since\s+: \d{4}-\d\d-\d\d 2[23]:00:00Z' # the trading day's start: 17:00 Chicago (CDT or CST)
        $order = $script:Entry | Show-At80 -List
        $order | Should -Match "LimitPrice\s+: $([regex]::Escape($script:Far.ToString('F2')))"
        $order | Should -Match 'Created\s+: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
        Get-PxTrade | Select-Object -First 1 | Show-At80 -List | Should -Match 'Time\s+: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
    }
}

Describe 'Objects as they reach other cmdlets' {
    It 'deserialized objects (Import-Clixml) render, times included' {
        $path = Join-Path $TestDrive 'bars.xml'
        Get-PxBar MNQ -Timeframe 5min -Count 2 | Export-Clixml -LiteralPath $path
        $bars = Import-Clixml -LiteralPath $path
        $text = $bars | Show-At80
        $text | Should -Match 'Bars: MNQ 5min'
        $text | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:00Z\s+\d+\.\d\d'
    }

    It 'objects from Start-Job render, times included' {
        $text = Start-Job -ScriptBlock { Import-Module $using:PSScriptRoot/../../out/ProjectX/ProjectX.psd1; Connect-ProjectX -Simulator; Get-PxBar MNQ -Timeframe 5min -Count 2 } |
            Receive-Job -Wait -AutoRemoveJob | Show-At80
        $text | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:00Z\s+\d+\.\d\d'
    }

    It 'ConvertTo-Json and Export-Csv carry no trailing zeros' {
        $objects = @(Get-PxAccount) + @(Get-PxInstrument MNQ) + @(Get-PxPosition) + @(Get-PxTrade) + @(Get-PxBar MNQ -Count 2) + @(Get-PxQuote MNQ) + @($script:Entry) + @(Get-PxPortfolio)
        $json = $objects | ConvertTo-Json -Depth 2
        # An unquoted number whose fraction has trailing zeros (50000.000000000, 0.250): noise. The serializer's own
        # minimum for a whole decimal (50000.0) is not.
        [regex]::Matches($json, '"(\w+)":\s*-?\d+\.(\d*[1-9]0+|00+)(?=[,\s}\]])') | ForEach-Object Value | Should -BeNullOrEmpty
        $csv = Get-PxAccount | ConvertTo-Csv
        $csv | Should -Not -Match '\d\.\d*0"'
        $json | Should -Match '"Balance":\s*\d+(\.0)?[,\s]'
    }

    It 'a flat position shows as Flat, not Long 0' {
        Register-PxEvent PositionUpdated -Symbol MES -SourceIdentifier F.Positions
        try {
            New-PxOrder MES Buy 1 -Confirm:$false | Out-Null
            Close-PxPosition MES -Confirm:$false
            $flat = Wait-Condition -Because 'the closing PositionUpdated event' {
                Get-Event -SourceIdentifier F.Positions -ErrorAction Ignore | ForEach-Object { $_.SourceEventArgs.Position } | Where-Object Size -EQ 0 | Select-Object -First 1
            }
        }
        finally { Unregister-Event -SourceIdentifier F.Positions; Remove-Event -SourceIdentifier F.Positions -ErrorAction Ignore }
        "$($flat.Side)" | Should -Be 'Flat'
        $flat | Show-At80 | Should -Match 'MES\s+MES\w\d\s+Flat\s+0\s'
    }
}
