namespace RepitBot.Shared.Contracts.Identity;

/// <summary>Claim names in access tokens and in the principal of an internal call.</summary>
public static class RepitBotClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string TokenId = "jti";
    public const string SessionId = "sid";

    /// <summary>The version of the access code the token's session was opened with: a newer one ends the session.</summary>
    public const string CodeVersion = "cver";
    public const string Service = "repitbot_service";
}
