namespace ChatKit.Blazor;

/// <summary>
/// The names of the <c>&lt;openai-chatkit&gt;</c> element's DOM events that <see cref="ChatKit"/> raises as callbacks,
/// e.g. to log them under the names the element uses.
/// </summary>
public static class ChatKitEventNames
{
    /// <summary><c>chatkit.ready</c>.</summary>
    public const string Ready = "chatkit.ready";

    /// <summary><c>chatkit.error</c>.</summary>
    public const string Error = "chatkit.error";

    /// <summary><c>chatkit.response.start</c>.</summary>
    public const string ResponseStart = "chatkit.response.start";

    /// <summary><c>chatkit.response.end</c>.</summary>
    public const string ResponseEnd = "chatkit.response.end";

    /// <summary><c>chatkit.thread.change</c>.</summary>
    public const string ThreadChange = "chatkit.thread.change";

    /// <summary><c>chatkit.thread.load.start</c>.</summary>
    public const string ThreadLoadStart = "chatkit.thread.load.start";

    /// <summary><c>chatkit.thread.load.end</c>.</summary>
    public const string ThreadLoadEnd = "chatkit.thread.load.end";

    /// <summary><c>chatkit.tool.change</c>.</summary>
    public const string ToolChange = "chatkit.tool.change";

    /// <summary><c>chatkit.effect</c>.</summary>
    public const string Effect = "chatkit.effect";

    /// <summary><c>chatkit.log</c>.</summary>
    public const string Log = "chatkit.log";

    /// <summary><c>chatkit.deeplink</c>.</summary>
    public const string Deeplink = "chatkit.deeplink";

    /// <summary><c>chatkit.history.open</c>.</summary>
    public const string HistoryOpen = "chatkit.history.open";

    /// <summary><c>chatkit.history.close</c>.</summary>
    public const string HistoryClose = "chatkit.history.close";
}
