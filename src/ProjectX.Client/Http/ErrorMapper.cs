using System.Net;
using ProjectX.Client.Auth;
using ProjectX.Client.Gateway;

namespace ProjectX.Client.Http;

/// <summary>
/// Turns <c>success: false</c> envelopes into typed exceptions whose message says what to do next. Gateway text is
/// scrubbed of tokens and of the caller's API key (a gateway that echoes it must not put it in an exception).
/// </summary>
internal static class ErrorMapper
{
    private const string NotFoundSuffix = "NotFound";

    public static ProjectXException FromEnvelope(GatewayOperation operation, GatewayResponse response, HttpStatusCode status, string? customTag, string? apiKey = null)
    {
        var name = response.ErrorCodeName;
        var code = response.ErrorCodeValue;
        var gatewayMessage = Redactor.Scrub(response.ErrorMessage, apiKey);
        var orderId = (response as PlaceOrderResponse)?.OrderId;
        var message = $"{operation.Name} failed: {name} (errorCode {code})"
            + (string.IsNullOrWhiteSpace(gatewayMessage) ? "." : $": {gatewayMessage}")
            + (orderId is { } id ? $" The gateway created order {id} with status Rejected." : "")
            + Hint(operation, name);

        if (operation.Kind == OperationKind.Session)
            return new ProjectXAuthenticationException(message) { Operation = operation.Name, ErrorCode = code, ErrorCodeName = name, StatusCode = status, GatewayMessage = gatewayMessage };
        if (name.EndsWith(NotFoundSuffix, StringComparison.Ordinal) && name.Length > NotFoundSuffix.Length)
            return new ProjectXNotFoundException(message, name[..^NotFoundSuffix.Length]) { Operation = operation.Name, ErrorCode = code, ErrorCodeName = name, StatusCode = status, GatewayMessage = gatewayMessage };
        if (operation.Kind == OperationKind.Mutation)
            return new ProjectXOrderRejectedException(message, orderId, customTag) { Operation = operation.Name, ErrorCode = code, ErrorCodeName = name, StatusCode = status, GatewayMessage = gatewayMessage };
        return new ProjectXException(message, operation.Name, code, name, status, gatewayMessage);
    }

    public static ProjectXException FromProblem(GatewayOperation operation, HttpStatusCode status, ProblemDetailsModel? problem, string? apiKey = null)
    {
        var detail = Redactor.Scrub(problem?.Detail ?? problem?.Title, apiKey);
        var message = $"{operation.Name} was refused as malformed (HTTP {(int)status})"
            + (string.IsNullOrWhiteSpace(detail) ? "." : $": {detail}")
            + " Nothing was executed; correct the request and send it again.";
        return new ProjectXException(message, operation.Name, null, null, status, detail);
    }

    public static ProjectXException FromHttpStatus(GatewayOperation operation, HttpStatusCode status) =>
        new($"{operation.Name} failed with HTTP {(int)status} {status}. Check ApiBaseUrl (REST paths are /api/...).", operation.Name, null, null, status, null);

    private static string Hint(GatewayOperation operation, string name) => name switch
    {
        "AccountNotFound" => " Check the account id; list accounts with GetAccountsAsync.",
        "ContractNotFound" => " Check the contract id; resolve a symbol with GetInstrumentAsync.",
        "OrderNotFound" => " No order with that id exists on this account.",
        "PositionNotFound" => " There is no open position in that contract on this account.",
        "ContractNotActive" => " The contract has expired; resolve the current month with GetInstrumentAsync.",
        "InvalidCredentials" or "UserNotFound" or "PasswordVerificationFailed" =>
            " Check the user name (the platform login, not the e-mail) and the API key.",
        "AgreementsNotSigned" => " Log into the ProjectX platform and complete the required agreements.",
        "ApiSubscriptionNotFound" => " Link an active ProjectX API subscription to this user.",
        "ApiKeyAuthenticationDisabled" => " API-key login is disabled for this user.",
        "InvalidSession" or "SessionNotFound" or "ExpiredToken" => " Log in again.",
        "InvalidCloseSize" => " The size must be between 1 and the open position's size.",
        "AccountRejected" => " This account may not do this (live or copy-trading follower account, or trading is disabled).",
        "OutsideTradingHours" => " The market is closed for this contract.",
        "InsufficientFunds" or "AccountViolation" => " The account's risk rules refused it.",
        "OrderRejected" or "Rejected" when operation == GatewayOperation.PlaceOrder => " Read the gateway message; the order was not accepted.",
        "OrderRejected" or "Rejected" => " Read the gateway message; nothing was changed.",
        _ => "",
    };
}
