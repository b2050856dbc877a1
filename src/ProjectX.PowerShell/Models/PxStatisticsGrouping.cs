namespace ProjectX.PowerShell.Models;

/// <summary>
/// How Get-PxStatistics groups (the module's own copy of ProjectX.Client.Journal.StatisticsGrouping: parameter types
/// must load in the default context before the module's load context is in place).
/// </summary>
public enum PxStatisticsGrouping
{
    All = 0,
    Day = 1,
    Symbol = 2,
    Tag = 3,
}
