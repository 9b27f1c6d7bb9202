namespace ChatKit.Demo.Client;

/// <summary>
/// Names the Blazor demo page logs its events under that are not the component's own callbacks
/// (those use <see cref="ChatKit.Blazor.ChatKitEventNames"/>, the element's DOM event names).
/// </summary>
internal static class ElementEvent
{
    public const string EntityClick = "entity.click";
}
