namespace ChatKit.Server;

/// <summary>What the client declared about itself, beyond the request body (e.g. in HTTP headers).</summary>
public sealed class ChatKitRequestOptions
{
    /// <summary>
    /// The request header by which a client declares it can resume (value <c>1</c>): its turns then run apart from the
    /// connection (docs/protocol.md §16).
    /// </summary>
    public const string ResumableHeader = "ChatKit-Resumable";

    /// <summary>A client that declared nothing: a turn ends when its connection does.</summary>
    public static ChatKitRequestOptions Default { get; } = new();

    /// <summary>A client that can resume (<see cref="ResumableHeader"/>).</summary>
    public static ChatKitRequestOptions Resumable { get; } = new() { ClientCanResume = true };

    /// <summary>
    /// Whether the client re-attaches to runs and stops them with <c>threads.stop_run</c>: its turns keep running when
    /// the connection drops.
    /// </summary>
    public bool ClientCanResume { get; init; }
}
