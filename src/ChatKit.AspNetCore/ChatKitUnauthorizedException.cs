namespace ChatKit.AspNetCore;

/// <summary>The request has no signed-in user and anonymous users are not allowed (401).</summary>
public sealed class ChatKitUnauthorizedException()
    : ChatKitException(401, "unauthorized", "Sign in to use this ChatKit endpoint.");
