namespace ChatKit.OpenAI.Hosting;

/// <summary>Names used by the hosted ChatKit session endpoint.</summary>
public static class ChatKitHostedDefaults
{
    /// <summary>The rate limiter policy the session endpoints require (partitioned by user).</summary>
    public const string RateLimiterPolicyName = "ChatKit.OpenAI.Hosting.Sessions";

    /// <summary>The default route of <c>MapChatKitSessions</c>.</summary>
    public const string DefaultPattern = "/api/chatkit/session";
}
