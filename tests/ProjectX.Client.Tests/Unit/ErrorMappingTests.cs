using System.Net;
using System.Reflection;
using ProjectX.Client.Gateway;
using ProjectX.Client.Http;

namespace ProjectX.Client.Tests.Unit;

public sealed class ErrorMappingTests
{
    [Theory]
    [InlineData("Contract/searchById", "ContractNotFound", "Contract")]
    [InlineData("Order/search", "AccountNotFound", "Account")]
    [InlineData("Order/searchById", "OrderNotFound", "Order")]
    [InlineData("Position/closeContract", "PositionNotFound", "Position")]
    [InlineData("Order/place", "ContractNotFound", "Contract")]
    public void NotFound_codes_become_ProjectXNotFoundException(string operation, string code, string kind)
    {
        var error = Map(operation, code);
        var notFound = Assert.IsType<ProjectXNotFoundException>(error);
        Assert.Equal(kind, notFound.ResourceKind);
        Assert.Equal(code, error.ErrorCodeName);
        Assert.Equal(operation, error.Operation);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Theory]
    [InlineData("Order/place", "OrderRejected")]
    [InlineData("Order/modify", "Rejected")]
    [InlineData("Order/cancel", "AccountRejected")]
    [InlineData("Position/partialCloseContract", "InvalidCloseSize")]
    [InlineData("Position/closeContract", "OrderPending")]
    public void Mutation_refusals_become_ProjectXOrderRejectedException(string operation, string code) =>
        Assert.IsType<ProjectXOrderRejectedException>(Map(operation, code));

    [Theory]
    [InlineData("Auth/loginKey", "InvalidCredentials")]
    [InlineData("Auth/validate", "ExpiredToken")]
    public void Session_failures_become_ProjectXAuthenticationException(string operation, string code) =>
        Assert.IsType<ProjectXAuthenticationException>(Map(operation, code));

    [Fact]
    public void A_rejected_placement_keeps_its_order_id_and_tag()
    {
        var response = new PlaceOrderResponse { Success = false, ErrorCode = PlaceOrderErrorCode.OrderRejected, ErrorMessage = "Trail Distance not set.", OrderId = 2_600_000_001 };
        var error = Assert.IsType<ProjectXOrderRejectedException>(ErrorMapper.FromEnvelope(GatewayOperation.PlaceOrder, response, HttpStatusCode.OK, "px-1"));
        Assert.Equal(2_600_000_001, error.OrderId);
        Assert.Equal("px-1", error.CustomTag);
        Assert.Equal(2, error.ErrorCode);
        Assert.Equal("Trail Distance not set.", error.GatewayMessage);
        Assert.Contains("Trail Distance not set.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_in_a_gateway_message_is_redacted()
    {
        const string jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";
        var response = new SearchOrderResponse { Success = false, ErrorCode = SearchOrderErrorCode.AccountNotFound, ErrorMessage = "bad session " + jwt };
        var error = ErrorMapper.FromEnvelope(GatewayOperation.SearchOrders, response, HttpStatusCode.OK, null);
        Assert.DoesNotContain(jwt, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(jwt, error.GatewayMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void GatewayApi_has_one_method_per_operation()
    {
        var methods = typeof(GatewayApi).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)).ToList();
        Assert.Equal(GatewayOperation.All.Count, methods.Count);
        Assert.All(methods, m => Assert.Equal(typeof(CancellationToken), m.GetParameters()[^1].ParameterType));
    }

    private static ProjectXException Map(string operationName, string codeName)
    {
        var operation = GatewayOperation.All.Single(o => o.Name == operationName);
        GatewayResponse response = operationName switch
        {
            "Contract/searchById" => new SearchContractByIdResponse { ErrorCode = Enum.Parse<SearchContractByIdErrorCode>(codeName) },
            "Order/search" => new SearchOrderResponse { ErrorCode = Enum.Parse<SearchOrderErrorCode>(codeName) },
            "Order/searchById" => new SearchOrderByIdResponse { ErrorCode = Enum.Parse<SearchOrderByIdErrorCode>(codeName) },
            "Position/closeContract" => new ClosePositionResponse { ErrorCode = Enum.Parse<ClosePositionErrorCode>(codeName) },
            "Position/partialCloseContract" => new PartialClosePositionResponse { ErrorCode = Enum.Parse<PartialClosePositionErrorCode>(codeName) },
            "Order/place" => new PlaceOrderResponse { ErrorCode = Enum.Parse<PlaceOrderErrorCode>(codeName) },
            "Order/modify" => new ModifyOrderResponse { ErrorCode = Enum.Parse<ModifyOrderErrorCode>(codeName) },
            "Order/cancel" => new CancelOrderResponse { ErrorCode = Enum.Parse<CancelOrderErrorCode>(codeName) },
            "Auth/loginKey" => new LoginResponse { ErrorCode = Enum.Parse<LoginErrorCode>(codeName) },
            "Auth/validate" => new ValidateResponse { ErrorCode = Enum.Parse<ValidateErrorCode>(codeName) },
            _ => throw new ArgumentOutOfRangeException(nameof(operationName)),
        };
        return ErrorMapper.FromEnvelope(operation, response, HttpStatusCode.OK, null);
    }
}
