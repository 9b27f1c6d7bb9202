namespace ChatKit.Demo.Client;

/// <summary>Names the Blazor demo page logs its events under: the element's DOM event names, so the log reads like theirs.</summary>
internal static class ElementEvent
{
    public const string Ready = "chatkit.ready";
    public const string Error = "chatkit.error";
    public const string ResponseStart = "chatkit.response.start";
    public const string ResponseEnd = "chatkit.response.end";
    public const string ThreadChange = "chatkit.thread.change";
    public const string ThreadLoadStart = "chatkit.thread.load.start";
    public const string ThreadLoadEnd = "chatkit.thread.load.end";
    public const string ToolChange = "chatkit.tool.change";
    public const string Effect = "chatkit.effect";
    public const string Log = "chatkit.log";
    public const string Deeplink = "chatkit.deeplink";
    public const string HistoryOpen = "chatkit.history.open";
    public const string HistoryClose = "chatkit.history.close";
    public const string EntityClick = "entity.click";
}
