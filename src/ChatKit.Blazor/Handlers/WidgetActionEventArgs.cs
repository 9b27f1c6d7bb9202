using System.Text.Json.Nodes;

namespace ChatKit.Blazor;

/// <summary>A widget action with <c>handler: "client"</c>, handed to the component's <c>OnWidgetAction</c>.</summary>
/// <param name="Action">The action.</param>
/// <param name="ItemId">The widget item it came from.</param>
/// <param name="Widget">The widget tree of that item.</param>
public sealed record WidgetActionEventArgs(ChatKitAction Action, string ItemId, JsonObject? Widget);
