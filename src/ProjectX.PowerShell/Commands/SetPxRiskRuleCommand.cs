using System.Collections;
using System.Management.Automation.Language;
using System.Management.Automation;
using ProjectX.Client;
using ProjectX.Client.Risk;
using ProjectX.PowerShell.Internal;
using ProjectX.PowerShell.Models;

namespace ProjectX.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Sets the risk rules of an account: from a preset (Topstep50K, ...), a JSON file, or parameters, each parameter overriding what it names. Every order cmdlet is then checked against them before anything is sent.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "PxRiskRule", DefaultParameterSetName = CurrentSet)]
[OutputType(typeof(PxRiskStatus))]
public sealed class SetPxRiskRuleCommand : ProjectXAccountCmdlet
{
    private const string CurrentSet = "Current";
    private const string PresetSet = "Preset";
    private const string PathSet = "Path";

    /// <summary>A named preset to start from (Topstep50K, Topstep100K, Topstep150K).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PresetSet)]
    [ArgumentCompleter(typeof(RiskPresetCompleter))]
    [ValidateNotNullOrEmpty]
    public string Preset { get; set; } = "";

    /// <summary>A JSON file of rules to start from (see about_ProjectX_Risk).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Start from no rules instead of the rules in force.</summary>
    [Parameter(ParameterSetName = CurrentSet)]
    public SwitchParameter Clear { get; set; }

    [Parameter] public decimal StartingBalance { get; set; }
    [Parameter] public decimal DailyLossLimit { get; set; }
    /// <summary>The trailing maximum loss: the distance from the high to the floor.</summary>
    [Parameter] public decimal TrailingMaxLoss { get; set; }
    [Parameter] public PxTrailingMode TrailingMode { get; set; }
    /// <summary>The balance at which the trailing floor stops rising.</summary>
    [Parameter] public decimal TrailingLockLevel { get; set; }
    [Parameter] public int MaxContracts { get; set; }
    [Parameter] public int MaxContractsPerSymbol { get; set; }
    /// <summary>Per-symbol limits by gateway root, e.g. @{ MNQ = 20; ENQ = 2 }.</summary>
    [Parameter] public System.Collections.Hashtable? SymbolLimit { get; set; }
    [Parameter] public int MaxOpenPositions { get; set; }
    [Parameter] public int MaxOrdersPerDay { get; set; }
    [Parameter] public int MaxRoundTripsPerDay { get; set; }
    /// <summary>The trading window's start and end, e.g. '08:30','15:00' (in -TimeZone).</summary>
    [Parameter]
    [ValidateCount(2, 2)]
    public TimeSpan[]? TradingWindow { get; set; }
    /// <summary>The flat-by time, e.g. 15:10.</summary>
    [Parameter] public TimeSpan FlatBy { get; set; }
    [Parameter] public decimal MaxRiskPerTrade { get; set; }
    /// <summary>The fraction of a loss limit left when RiskWarning fires (0.2 = 20%).</summary>
    [Parameter] public decimal WarningBuffer { get; set; }
    [Parameter] [ValidateNotNullOrEmpty] public string? TimeZone { get; set; }
    [Parameter] [ValidateNotNullOrEmpty] public string? Name { get; set; }

    /// <summary>The state file (default: per user, per account).</summary>
    [Parameter] [ValidateNotNullOrEmpty] public string? StatePath { get; set; }

    /// <summary>Write the account's risk status.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override async Task ProcessRecordAsync(CancellationToken cancellationToken)
    {
        var account = await ResolveAccountAsync(cancellationToken).ConfigureAwait(false);
        RiskGuard guard;
        try
        {
            var rules = Base(account.Id);
            Override(rules);
            rules.Validate();
            guard = RiskBinding.Apply(ActiveConnection, account.Id, rules, StatePath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StatePath));
        }
        catch (ProjectXException failure) when (failure is not ProjectXAuthenticationException)
        {
            EmitError(ProjectXErrors.FromException(failure, account.Id));
            return;
        }

        EmitVerbose($"Risk rules on {Describe(account)}: {guard.Rules.ToJson()}");
        if (PassThru)
        {
            Emit(PxRiskStatus.From(await guard.GetStatusAsync(cancellationToken).ConfigureAwait(false), guard), PxRiskStatus.PSTypeName);
        }
    }

    private RiskRules Base(int accountId) => ParameterSetName switch
    {
        PresetSet => RiskPresets.Get(Preset),
        PathSet => RiskRules.Load(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path)),
        _ => Clear || Client.GetRiskGuard(accountId) is not { } current ? new RiskRules() : current.Rules,
    };

    private void Override(RiskRules rules)
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey(nameof(Name))) rules.Name = Name;
        if (bound.ContainsKey(nameof(StartingBalance))) rules.StartingBalance = StartingBalance;
        if (bound.ContainsKey(nameof(DailyLossLimit))) rules.DailyLossLimit = DailyLossLimit;
        if (bound.ContainsKey(nameof(TrailingMaxLoss)) || bound.ContainsKey(nameof(TrailingMode)) || bound.ContainsKey(nameof(TrailingLockLevel)))
        {
            var trailing = rules.TrailingMaxLoss ?? new TrailingLossRule();
            if (bound.ContainsKey(nameof(TrailingMaxLoss))) trailing.Amount = TrailingMaxLoss;
            if (bound.ContainsKey(nameof(TrailingMode))) trailing.Mode = TrailingMode == PxTrailingMode.Intraday ? ProjectX.Client.Risk.TrailingMode.Intraday : ProjectX.Client.Risk.TrailingMode.EndOfDay;
            if (bound.ContainsKey(nameof(TrailingLockLevel))) trailing.LockLevel = TrailingLockLevel;
            rules.TrailingMaxLoss = trailing;
        }

        if (bound.ContainsKey(nameof(MaxContracts))) rules.MaxContracts = MaxContracts;
        if (bound.ContainsKey(nameof(MaxContractsPerSymbol))) rules.MaxContractsPerSymbol = MaxContractsPerSymbol;
        if (SymbolLimit is not null)
        {
            foreach (System.Collections.DictionaryEntry entry in SymbolLimit)
            {
                rules.SymbolLimits[entry.Key.ToString() ?? ""] = LanguagePrimitives.ConvertTo<int>(entry.Value);
            }
        }

        if (bound.ContainsKey(nameof(MaxOpenPositions))) rules.MaxOpenPositions = MaxOpenPositions;
        if (bound.ContainsKey(nameof(MaxOrdersPerDay))) rules.MaxOrdersPerDay = MaxOrdersPerDay;
        if (bound.ContainsKey(nameof(MaxRoundTripsPerDay))) rules.MaxRoundTripsPerDay = MaxRoundTripsPerDay;
        if (TradingWindow is { } window) rules.TradingWindow = new TradingWindow { Start = TimeOnly.FromTimeSpan(window[0]), End = TimeOnly.FromTimeSpan(window[1]) };
        if (bound.ContainsKey(nameof(FlatBy))) rules.FlatBy = TimeOnly.FromTimeSpan(FlatBy);
        if (bound.ContainsKey(nameof(MaxRiskPerTrade))) rules.MaxRiskPerTrade = MaxRiskPerTrade;
        if (bound.ContainsKey(nameof(WarningBuffer))) rules.WarningBuffer = WarningBuffer;
        if (TimeZone is not null) rules.TimeZone = TimeZone;
    }
}

/// <summary>Tab completion of -Preset and -RiskProfile.</summary>
public sealed class RiskPresetCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
        RiskPresets.Names
            .Where(n => n.StartsWith(wordToComplete.Trim('\'', '"'), StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
}
