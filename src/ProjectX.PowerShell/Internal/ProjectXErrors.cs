using System.Globalization;
using System.Management.Automation;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ProjectX.Client;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The one place where exceptions become ErrorRecords: a specific ErrorId (<c>ProjectX.*</c>) and a
/// category per failure kind, so scripts can branch on <c>$_.FullyQualifiedErrorId</c> and <c>$_.CategoryInfo</c>.
/// Messages come from the client, which never puts a token or key in them.
/// </summary>
internal static partial class ProjectXErrors
{
    public const string NotConnectedId = "ProjectX.NotConnected";
    public const string MissingCredentialsId = "ProjectX.MissingCredentials";
    public const string AuthenticationFailedId = "ProjectX.AuthenticationFailed";
    public const string InstrumentNotFoundId = "ProjectX.InstrumentNotFound";
    public const string AccountNotFoundId = "ProjectX.AccountNotFound";
    public const string InvalidTimeframeId = "ProjectX.InvalidTimeframe";
    public const string InvalidDateRangeId = "ProjectX.InvalidDateRange";
    public const string InvalidSizeId = "ProjectX.InvalidSize";
    public const string PriceNotOnTickId = "ProjectX.PriceNotOnTick";
    public const string AmbiguousOrderOutcomeId = "ProjectX.AmbiguousOrderOutcome";
    public const string WaitTimeoutId = "ProjectX.WaitTimeout";
    public const string OrderNotFoundId = "ProjectX.OrderNotFound";
    public const string PositionNotFoundId = "ProjectX.PositionNotFound";
    public const string NoAccountId = "ProjectX.NoAccount";
    public const string WaitConditionUnreachableId = "ProjectX.WaitConditionUnreachable";
    public const string RealtimeUnavailableId = "ProjectX.RealtimeUnavailable";
    public const string NoQuoteId = "ProjectX.NoQuote";
    public const string NoDataFeedId = "ProjectX.NoDataFeed";
    public const string OrderAlreadyFilledId = "ProjectX.OrderAlreadyFilled";
    public const string ConnectionFailedId = "ProjectX.ConnectionFailed";
    public const string TimeoutId = "ProjectX.Timeout";
    public const string UnknownFirmId = "ProjectX.UnknownFirm";
    public const string ConfirmationUnavailableId = "ProjectX.ConfirmationUnavailable";
    public const string InvalidIndicatorId = "ProjectX.InvalidIndicator";
    public const string IndicatorInputId = "ProjectX.IndicatorInput";
    public const string UnknownProductId = "ProjectX.UnknownProduct";
    public const string NoRollRuleId = "ProjectX.NoRollRule";
    public const string OutsideContractHistoryId = "ProjectX.OutsideContractHistory";
    public const string AdjustmentWithoutContinuousId = "ProjectX.AdjustmentWithoutContinuous";
    public const string CalendarExpiredId = "ProjectX.CalendarExpired";
    public const string CalendarNotCoveredId = "ProjectX.CalendarNotCovered";
    public const string OutsideTradingHoursId = "ProjectX.OutsideTradingHours";
    public const string JournalUnreadableId = "ProjectX.JournalUnreadable";
    public const string JournalUnknownContractId = "ProjectX.JournalUnknownContract";
    public const string RiskRuleViolationId = "ProjectX.RiskRuleViolation";
    public const string RiskStateCorruptId = "ProjectX.RiskStateCorrupt";
    public const string RiskStateUnreadableId = "ProjectX.RiskStateUnreadable";
    public const string NoRiskGuardId = "ProjectX.NoRiskGuard";
    public const string InvalidRiskAmountId = "ProjectX.InvalidRiskAmount";
    public const string RiskTooSmallId = "ProjectX.RiskTooSmall";
    public const string PositionBracketsNeedRealtimeId = "ProjectX.PositionBracketsNeedRealtime";
    public const string NotAJournalId = "ProjectX.NotAJournal";
    public const string JournalTooNewId = "ProjectX.JournalTooNew";

    /// <summary>
    /// The client's messages name its C# methods for .NET callers; a PowerShell user is told the cmdlet instead (shown
    /// through ErrorDetails, so the exception keeps the client's own text).
    /// </summary>
    private static readonly Dictionary<string, string> CmdletForMethod = new(StringComparer.Ordinal)
    {
        ["GetAccountsAsync"] = "Get-PxAccount",
        ["GetInstrumentAsync"] = "Get-PxInstrument",
        ["SearchInstrumentsAsync"] = "Get-PxInstrument -Search",
        ["SelectAccountAsync"] = "Connect-ProjectX -Account",
        ["ReconcileOrderAsync"] = "Get-PxOrder -Tag",
    };

    /// <summary>Bad user input the cmdlet caught before sending anything.</summary>
    public static ErrorRecord InvalidArgument(string errorId, string message, object? target) => new(
        new ArgumentException(message),
        errorId,
        ErrorCategory.InvalidArgument,
        target);

    public static ErrorRecord RealtimeUnavailable(string command) => new(
        new InvalidOperationException($"{command} needs live data, but this connection has no realtime (it was made with -NoRealtime, or its hubs could not be opened). Connect again without -NoRealtime."),
        RealtimeUnavailableId,
        ErrorCategory.ResourceUnavailable,
        null);

    /// <summary>A cancel that lost the race with a fill: the position has changed, which the script must hear about.</summary>
    public static ErrorRecord OrderAlreadyFilled(long orderId, Exception rejection) => new(
        new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Order {orderId} has filled, so it cannot be cancelled: the position has changed. Check Get-PxPosition."), rejection),
        OrderAlreadyFilledId,
        ErrorCategory.InvalidOperation,
        orderId);

    public static ErrorRecord NoAccount() => new(
        new InvalidOperationException("No account: the connection has no default account. Pass -Account, or connect with Connect-ProjectX -Account."),
        NoAccountId,
        ErrorCategory.InvalidOperation,
        targetObject: null);

    public static ErrorRecord NotConnected() => new(
        new InvalidOperationException("Not connected to ProjectX. Run Connect-ProjectX first, or pass -Connection."),
        NotConnectedId,
        ErrorCategory.ConnectionError,
        targetObject: null);

    public static ErrorRecord MissingCredentials(string detail) => new(
        new InvalidOperationException(detail),
        MissingCredentialsId,
        ErrorCategory.AuthenticationError,
        targetObject: null);

    public static ErrorRecord NoRiskGuard(int accountId) => new(
        new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Account {accountId} has no risk rules on this connection. Set them with Set-PxRiskRule, or connect with Connect-ProjectX -RiskProfile.")),
        NoRiskGuardId,
        ErrorCategory.ObjectNotFound,
        accountId);

    /// <summary>Maps any failure; <paramref name="notFoundId"/> overrides the ErrorId of a not-found error.</summary>
    public static ErrorRecord FromException(Exception exception, object? target = null, string? notFoundId = null)
    {
        var (id, category, hint) = Classify(exception);
        if (exception is ProjectXNotFoundException && notFoundId is not null)
        {
            id = notFoundId;
        }

        var record = new ErrorRecord(exception, id, category, target);
        if (InPowerShellTerms(exception.Message) is { } message)
        {
            record.ErrorDetails = new ErrorDetails(message);
        }

        if (hint is not null)
        {
            record.ErrorDetails ??= new ErrorDetails(exception.Message);
            record.ErrorDetails.RecommendedAction = hint;
        }

        return record;
    }

    /// <summary>A placement whose answer was lost and whose order could not be found by its tag: it MAY exist.</summary>
    public static ErrorRecord AmbiguousOrderOutcome(Exception error, string tag) => new(
        new TimeoutException(error.Message, error),
        AmbiguousOrderOutcomeId,
        ErrorCategory.OperationTimeout,
        tag)
    {
        ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = $"Check with Get-PxOrder -Tag {tag} before placing it again." },
    };

    /// <summary>
    /// The one table from the client's validation rules to ErrorIds, with what a PowerShell user can do about each.
    /// Exhaustive on purpose: a new ValidationReason does not build until it is given its ErrorId here (CS8509).
    /// </summary>
#pragma warning disable CS8524 // Values outside the enum cannot come from the client.
    private static (string Id, ErrorCategory Category, string? Hint) OfReason(ValidationReason reason) => reason switch
#pragma warning restore CS8524
    {
        ValidationReason.InvalidArgument => ("ProjectX.InvalidArgument", ErrorCategory.InvalidArgument, null),
        ValidationReason.InvalidSize => (InvalidSizeId, ErrorCategory.InvalidArgument, "Give -Size 1 or more; cancel an order with Stop-PxOrder, flatten with Close-PxPosition."),
        ValidationReason.PriceNotOnTick => (PriceNotOnTickId, ErrorCategory.InvalidArgument, "Give a multiple of the tick, or -Rounding Nearest, Up or Down."),
        ValidationReason.InvalidPrice => ("ProjectX.InvalidPrice", ErrorCategory.InvalidArgument, null),
        ValidationReason.MissingPrice => ("ProjectX.MissingPrice", ErrorCategory.InvalidArgument, null),
        ValidationReason.InvalidTicks => ("ProjectX.InvalidTicks", ErrorCategory.InvalidArgument, null),
        ValidationReason.InvalidTag => ("ProjectX.InvalidTag", ErrorCategory.InvalidArgument, null),
        ValidationReason.InvalidSide => ("ProjectX.InvalidSide", ErrorCategory.InvalidArgument, null),
        ValidationReason.InvalidOrderType => ("ProjectX.InvalidOrderType", ErrorCategory.InvalidArgument, null),
        ValidationReason.NothingToModify => ("ProjectX.NothingToModify", ErrorCategory.InvalidArgument, "Give at least one of -Size, -LimitPrice, -StopPrice or -TrailPrice."),
        ValidationReason.InvalidDateRange => (InvalidDateRangeId, ErrorCategory.InvalidArgument, null),
        ValidationReason.InvalidTimeframe => (InvalidTimeframeId, ErrorCategory.InvalidArgument, null),
        ValidationReason.NoAccount => (NoAccountId, ErrorCategory.InvalidOperation, "Pass -Account, or connect with Connect-ProjectX -Account."),
        ValidationReason.MissingInstrument => ("ProjectX.MissingSymbol", ErrorCategory.InvalidArgument, null),
        ValidationReason.UnknownFirm => (UnknownFirmId, ErrorCategory.InvalidArgument, null),
        ValidationReason.InvalidUrl => ("ProjectX.InvalidArgument", ErrorCategory.InvalidArgument, null),
        ValidationReason.NoRollRule => (NoRollRuleId, ErrorCategory.InvalidArgument, "This product has no roll rule (Get-Help Get-PxBar -Full lists the products that have one); read it one contract at a time."),
        ValidationReason.OutsideContractHistory => (OutsideContractHistoryId, ErrorCategory.InvalidArgument, "Contract months exist from 2000 to 2099; give a later -Start."),
        ValidationReason.InvalidRiskAmount => (InvalidRiskAmountId, ErrorCategory.InvalidArgument, "Give -RiskAmount (and -FeesPerContract) as a positive amount of money."),
        ValidationReason.RiskTooSmall => (RiskTooSmallId, ErrorCategory.InvalidArgument, "Risk more, or use a closer stop: one contract risks more than the amount given."),
    };

    /// <summary>A Position Brackets account refused native brackets, and no live engine follows it to manage them.</summary>
    public static ErrorRecord PositionBracketsNeedRealtime(Exception rejection, string account) => new(
        new InvalidOperationException($"Account {account} is in Position Brackets mode, so the gateway refused the stop loss and take profit (it said: {(rejection as ProjectXException)?.GatewayMessage ?? rejection.Message}). The entry was NOT placed. The client can manage the two legs one-cancels-other, but only through a live connection to this account.", rejection),
        PositionBracketsNeedRealtimeId,
        ErrorCategory.InvalidOperation,
        account)
    {
        ErrorDetails = new ErrorDetails($"Account {account} is in Position Brackets mode: the gateway refused the brackets and the entry was NOT placed.")
        {
            RecommendedAction = "Connect-ProjectX -Account <this account> without -NoRealtime (the live engine then manages the stop and target), or enable Auto OCO Brackets in the platform's Risk Settings.",
        },
    };

    /// <summary>Protection needs the live engine of the account, which watches the legs.</summary>
    public static ErrorRecord ProtectionNeedsRealtime(string command, string account) => new(
        new InvalidOperationException($"{command} needs the live engine of account {account} to keep the stop and target one-cancels-other, and this connection has none for it (-NoRealtime, or another account). Nothing was sent."),
        RealtimeUnavailableId,
        ErrorCategory.ResourceUnavailable,
        account)
    {
        ErrorDetails = new ErrorDetails($"{command} needs a live connection to account {account}. Nothing was sent.")
        {
            RecommendedAction = "Connect-ProjectX -Account <this account> without -NoRealtime.",
        },
    };

    /// <summary>A confirmation prompt nobody can answer (-NonInteractive, no console input): what to pass instead.</summary>
    public static ErrorRecord ConfirmationUnavailable(string command, Exception reason) => new(
        new InvalidOperationException($"{command} needs a confirmation, but this session cannot ask for one ({reason.Message.TrimEnd('.')}). Nothing was sent. In a script or scheduled job, pass -Confirm:$false to proceed without asking, or -WhatIf to rehearse.", reason),
        ConfirmationUnavailableId,
        ErrorCategory.InvalidOperation,
        null);

    /// <summary>The message with the client's method names replaced by cmdlets; null when there is nothing to replace.</summary>
    internal static string? InPowerShellTerms(string message)
    {
        var replaced = MethodMention().Replace(message, match =>
        {
            // "GetAccountsAsync (Get-PxAccount)": the cmdlet is already named.
            if (match.Groups["cmdlet"].Success)
            {
                return match.Groups["cmdlet"].Value;
            }

            var cmdlet = CmdletForMethod.GetValueOrDefault(match.Groups["method"].Value, match.Value);
            return match.Groups["argument"].Success ? $"{cmdlet} {match.Groups["argument"].Value}" : cmdlet;
        });
        return ReferenceEquals(replaced, message) || replaced == message ? null : replaced;
    }

    [GeneratedRegex(@"(?<method>\b[A-Z]\w+Async)(\(""(?<argument>[^""]*)""\))?( \((?<cmdlet>[A-Z][a-z]+-[A-Za-z]+)\))?")]
    private static partial Regex MethodMention();

    private static (string Id, ErrorCategory Category, string? Hint) Classify(Exception exception) => exception switch
    {
        // The trading calendar: no schedule for the product, or a date past (or before) the CME holiday table.
        ProjectX.Client.Sessions.UnknownProductException => (UnknownProductId, ErrorCategory.ObjectNotFound, "Get-PxSession covers CME equity index, rates, metals, energy, FX and grains futures (docs/trading-calendar.md)."),
        ProjectX.Client.Sessions.TradingCalendarExpiredException => (CalendarExpiredId, ErrorCategory.ResourceUnavailable, "Update the ProjectX module: its CME holiday table has run out."),
        ProjectX.Client.Sessions.TradingCalendarNotCoveredException => (CalendarNotCoveredId, ErrorCategory.InvalidArgument, null),
        ProjectXOrderRejectedException { ErrorCodeName: "OutsideTradingHours" } => (OutsideTradingHoursId, ErrorCategory.InvalidOperation, "The market is closed: Get-PxSession shows when it opens."),
        ProjectXNotFoundException notFound => (NotFoundId(notFound.ResourceKind), ErrorCategory.ObjectNotFound, null),
        ProjectXValidationException invalid => OfReason(invalid.Reason),
        ProjectX.Client.Risk.ProjectXRiskRuleException risk => (RiskRuleViolationId, ErrorCategory.PermissionDenied,
            risk.Locked ? "Closing and reducing orders still go. Get-PxRiskStatus shows the lock; Unlock-PxRisk lifts it." : "Closing and reducing orders still go. Get-PxRiskStatus shows where the account stands."),
        ProjectX.Client.Risk.ProjectXRiskStateException { Failure: ProjectX.Client.Risk.RiskStateFailure.Corrupt } => (RiskStateCorruptId, ErrorCategory.InvalidData,
            "Repair the state file, or delete it on purpose with Unlock-PxRisk -Reset."),
        ProjectX.Client.Risk.ProjectXRiskStateException => (RiskStateUnreadableId, ErrorCategory.ReadError, null),
        ProjectXAuthenticationException => (AuthenticationFailedId, ErrorCategory.AuthenticationError, null),
        ProjectXRateLimitedException => ("ProjectX.RateLimited", ErrorCategory.LimitsExceeded, null),
        ProjectXOrderRejectedException => ("ProjectX.OrderRejected", ErrorCategory.InvalidOperation, null),
        ProjectXAmbiguousOutcomeException => ("ProjectX.AmbiguousOutcome", ErrorCategory.OperationTimeout, null),
        Client.Journal.ProjectXJournalException { Reason: Client.Journal.JournalFailure.NotAJournal } => (NotAJournalId, ErrorCategory.InvalidData, "The file was left as it was. Pass -Path with a journal, or with a new file name for a new journal."),
        Client.Journal.ProjectXJournalException { Reason: Client.Journal.JournalFailure.NewerSchema } => (JournalTooNewId, ErrorCategory.NotImplemented, "The journal was left as it was. Update the ProjectX module to the version that wrote it, or a later one."),
        Client.Journal.ProjectXJournalException { Reason: Client.Journal.JournalFailure.StoreUnreadable } => (JournalUnreadableId, ErrorCategory.ReadError, "Pass -Path with another file, or move this one aside; the journal rebuilds from the gateway's fills."),
        Client.Journal.ProjectXJournalException => (JournalUnknownContractId, ErrorCategory.InvalidData, null),
        // The client wraps the transport's failure: no connection at all, or no answer in time.
        ProjectXException { InnerException: HttpRequestException or SocketException or IOException } => (ConnectionFailedId, ErrorCategory.ConnectionError, null),
        ProjectXException { InnerException: OperationCanceledException or TimeoutException } => (TimeoutId, ErrorCategory.OperationTimeout, null),
        ProjectXException => ("ProjectX.GatewayError", ErrorCategory.InvalidResult, null),
        HttpRequestException => (ConnectionFailedId, ErrorCategory.ConnectionError, null),
        TimeoutException or TaskCanceledException => (TimeoutId, ErrorCategory.OperationTimeout, null),
        ArgumentException => ("ProjectX.InvalidArgument", ErrorCategory.InvalidArgument, null),
        _ => ("ProjectX.UnexpectedError", ErrorCategory.NotSpecified, null),
    };

    private static string NotFoundId(string? resourceKind) => resourceKind switch
    {
        null or "" => "ProjectX.NotFound",
        "Contract" or "Symbol" => InstrumentNotFoundId,
        _ => $"ProjectX.{resourceKind}NotFound",
    };
}
