namespace ChatKit.OpenAI.Sessions;

/// <summary>The values of <see cref="ChatKitSession.Status"/>.</summary>
public static class ChatKitSessionStatus
{
    /// <summary>The session can be used.</summary>
    public const string Active = "active";

    /// <summary>The session has passed its expiry time.</summary>
    public const string Expired = "expired";

    /// <summary>The session was cancelled; its client secret no longer works for new requests.</summary>
    public const string Cancelled = "cancelled";
}
