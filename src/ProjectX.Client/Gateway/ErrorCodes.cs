using System.Text.Json.Serialization;
using ProjectX.Client.Gateway.Json;

namespace ProjectX.Client.Gateway;

// Per-endpoint error codes (spec §3-§5). The same integer means different things on
// different endpoints, so every response carries its own enum.

[JsonConverter(typeof(TolerantEnumConverter<LoginErrorCode>))]
public enum LoginErrorCode { Success = 0, UserNotFound = 1, PasswordVerificationFailed = 2, InvalidCredentials = 3, AppNotFound = 4, AppVerificationFailed = 5, InvalidDevice = 6, AgreementsNotSigned = 7, UnknownError = 8, ApiSubscriptionNotFound = 9, ApiKeyAuthenticationDisabled = 10 }

[JsonConverter(typeof(TolerantEnumConverter<ValidateErrorCode>))]
public enum ValidateErrorCode { Success = 0, InvalidSession = 1, SessionNotFound = 2, ExpiredToken = 3, UnknownError = 4 }

[JsonConverter(typeof(TolerantEnumConverter<LogoutErrorCode>))]
public enum LogoutErrorCode { Success = 0, InvalidSession = 1, UnknownError = 2 }

[JsonConverter(typeof(TolerantEnumConverter<SearchAccountErrorCode>))]
public enum SearchAccountErrorCode { Success = 0 }

[JsonConverter(typeof(TolerantEnumConverter<SearchContractErrorCode>))]
public enum SearchContractErrorCode { Success = 0 }

[JsonConverter(typeof(TolerantEnumConverter<SearchContractByIdErrorCode>))]
public enum SearchContractByIdErrorCode { Success = 0, ContractNotFound = 1 }

[JsonConverter(typeof(TolerantEnumConverter<ListAvailableContractErrorCode>))]
public enum ListAvailableContractErrorCode { Success = 0 }

[JsonConverter(typeof(TolerantEnumConverter<RetrieveBarErrorCode>))]
public enum RetrieveBarErrorCode { Success = 0, ContractNotFound = 1, UnitInvalid = 2, UnitNumberInvalid = 3, LimitInvalid = 4 }

[JsonConverter(typeof(TolerantEnumConverter<SearchOrderErrorCode>))]
public enum SearchOrderErrorCode { Success = 0, AccountNotFound = 1 }

[JsonConverter(typeof(TolerantEnumConverter<SearchOrderByIdErrorCode>))]
public enum SearchOrderByIdErrorCode { Success = 0, OrderNotFound = 1 }

[JsonConverter(typeof(TolerantEnumConverter<PlaceOrderErrorCode>))]
public enum PlaceOrderErrorCode { Success = 0, AccountNotFound = 1, OrderRejected = 2, InsufficientFunds = 3, AccountViolation = 4, OutsideTradingHours = 5, OrderPending = 6, UnknownError = 7, ContractNotFound = 8, ContractNotActive = 9, AccountRejected = 10 }

[JsonConverter(typeof(TolerantEnumConverter<CancelOrderErrorCode>))]
public enum CancelOrderErrorCode { Success = 0, AccountNotFound = 1, OrderNotFound = 2, Rejected = 3, Pending = 4, UnknownError = 5, AccountRejected = 6 }

[JsonConverter(typeof(TolerantEnumConverter<ModifyOrderErrorCode>))]
public enum ModifyOrderErrorCode { Success = 0, AccountNotFound = 1, OrderNotFound = 2, Rejected = 3, Pending = 4, UnknownError = 5, AccountRejected = 6, ContractNotFound = 7 }

[JsonConverter(typeof(TolerantEnumConverter<SearchPositionErrorCode>))]
public enum SearchPositionErrorCode { Success = 0, AccountNotFound = 1 }

[JsonConverter(typeof(TolerantEnumConverter<ClosePositionErrorCode>))]
public enum ClosePositionErrorCode { Success = 0, AccountNotFound = 1, PositionNotFound = 2, ContractNotFound = 3, ContractNotActive = 4, OrderRejected = 5, OrderPending = 6, UnknownError = 7, AccountRejected = 8 }

[JsonConverter(typeof(TolerantEnumConverter<PartialClosePositionErrorCode>))]
public enum PartialClosePositionErrorCode { Success = 0, AccountNotFound = 1, PositionNotFound = 2, ContractNotFound = 3, ContractNotActive = 4, InvalidCloseSize = 5, OrderRejected = 6, OrderPending = 7, UnknownError = 8, AccountRejected = 9 }

[JsonConverter(typeof(TolerantEnumConverter<SearchTradeErrorCode>))]
public enum SearchTradeErrorCode { Success = 0, AccountNotFound = 1 }
