namespace AuthApp.Api.Features.Compatibility;

/// <summary>The FastAPI service's registration body.</summary>
public sealed record LegacyRegisterRequest(string Email, string Password);

/// <summary>The FastAPI service's user shape.</summary>
public sealed record LegacyUserResponse(string Email, Guid Id, bool Active);
