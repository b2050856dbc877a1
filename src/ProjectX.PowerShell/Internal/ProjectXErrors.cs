using System.Globalization;
using System.Management.Automation;
using ProjectX.Client;

namespace ProjectX.PowerShell.Internal;

/// <summary>
/// The one place where exceptions become ErrorRecords: a specific ErrorId (<c>ProjectX.*</c>) and a
/// category per failure kind, so scripts can branch on <c>$_.FullyQualifiedErrorId</c> and <c>$_.CategoryInfo</c>.
/// Messages come from the client, which never puts a token or key in them.
/// </summary>
internal static class ProjectXErrors
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

    /// <summary>Maps any failure; <paramref name="notFoundId"/> overrides the ErrorId of a not-found error.</summary>
    public static ErrorRecord FromException(Exception exception, object? target = null, string? notFoundId = null)
    {
        var (id, category) = Classify(exception);
        if (exception is ProjectXNotFoundException && notFoundId is not null)
        {
            id = notFoundId;
        }

        return new ErrorRecord(exception, id, category, target);
    }

    private static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
    {
        ProjectXNotFoundException notFound => (NotFoundId(notFound.ResourceKind), ErrorCategory.ObjectNotFound),
        ProjectXValidationException => ("ProjectX.InvalidArgument", ErrorCategory.InvalidArgument),
        ProjectXAuthenticationException => (AuthenticationFailedId, ErrorCategory.AuthenticationError),
        ProjectXRateLimitedException => ("ProjectX.RateLimited", ErrorCategory.LimitsExceeded),
        ProjectXOrderRejectedException => ("ProjectX.OrderRejected", ErrorCategory.InvalidOperation),
        ProjectXAmbiguousOutcomeException => ("ProjectX.AmbiguousOutcome", ErrorCategory.OperationTimeout),
        ProjectXException => ("ProjectX.GatewayError", ErrorCategory.InvalidResult),
        HttpRequestException => ("ProjectX.ConnectionFailed", ErrorCategory.ConnectionError),
        TimeoutException or TaskCanceledException => ("ProjectX.Timeout", ErrorCategory.OperationTimeout),
        ArgumentException => ("ProjectX.InvalidArgument", ErrorCategory.InvalidArgument),
        _ => ("ProjectX.UnexpectedError", ErrorCategory.NotSpecified),
    };

    private static string NotFoundId(string? resourceKind) => resourceKind switch
    {
        null or "" => "ProjectX.NotFound",
        "Contract" or "Symbol" => InstrumentNotFoundId,
        _ => $"ProjectX.{resourceKind}NotFound",
    };
}
