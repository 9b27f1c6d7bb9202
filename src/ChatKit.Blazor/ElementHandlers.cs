using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Blazor;

/// <summary>The C# handlers of <see cref="ChatKit"/> that the element calls, by the names the script uses.</summary>
internal static class ElementHandlers
{
    public const string ClientTool = "clientTool";
    public const string WidgetAction = "widgetAction";
    public const string TagSearch = "tagSearch";
    public const string EntityClick = "entityClick";
    public const string EntityPreview = "entityPreview";
    public const string CommandSearch = "commandSearch";
    public const string CommandSelect = "commandSelect";
    public const string HeaderLeft = "headerLeft";
    public const string HeaderRight = "headerRight";

    /// <summary>The handlers <paramref name="component"/> has; the script only installs these in the options.</summary>
    public static IEnumerable<string> Active(ChatKit component)
    {
        if (component.OnClientTool is not null) yield return ClientTool;
        if (component.OnWidgetAction.HasDelegate) yield return WidgetAction;
        if (component.OnEntitySearch is not null) yield return TagSearch;
        if (component.OnEntityClick.HasDelegate) yield return EntityClick;
        if (component.OnEntityPreview is not null) yield return EntityPreview;
        if (component.OnCommandSearch is not null) yield return CommandSearch;
        if (component.OnCommandSelect is not null) yield return CommandSelect;
        if (component.OnHeaderLeftAction.HasDelegate) yield return HeaderLeft;
        if (component.OnHeaderRightAction.HasDelegate) yield return HeaderRight;
    }

    /// <summary>Runs handler <paramref name="name"/> and returns a JSON <see cref="HandlerResult"/>, never throwing.</summary>
    public static async Task<string> InvokeAsync(ChatKit component, string name, string argumentJson, CancellationToken cancellationToken)
    {
        HandlerResult result;
        try
        {
            result = new HandlerResult(await RunAsync(component, name, argumentJson, cancellationToken));
        }
        catch (Exception e)
        {
            result = new HandlerResult(null, e.Message);
        }

        return JsonSerializer.Serialize(result, ChatKitJsonContext.Default.HandlerResult);
    }

    private static async Task<JsonNode?> RunAsync(ChatKit component, string name, string json, CancellationToken cancellationToken)
    {
        var context = ChatKitJsonContext.Default;
        switch (name)
        {
            case ClientTool:
                var call = Argument(name, json, context.ClientToolCall);
                var handler = component.OnClientTool ?? throw new InvalidOperationException($"No OnClientTool handler for \"{call.Name}\".");
                return await handler(call, cancellationToken);
            case WidgetAction:
                await component.OnWidgetAction.InvokeAsync(Argument(name, json, context.WidgetActionEventArgs));
                return null;
            case TagSearch:
                var entities = await Required(component.OnEntitySearch, name)(Argument(name, json, context.String), cancellationToken);
                return JsonSerializer.SerializeToNode(entities, context.IReadOnlyListChatKitEntity);
            case EntityClick:
                await component.OnEntityClick.InvokeAsync(Argument(name, json, context.ChatKitEntity));
                return null;
            case EntityPreview:
                var preview = await Required(component.OnEntityPreview, name)(Argument(name, json, context.ChatKitEntity), cancellationToken);
                return JsonSerializer.SerializeToNode(preview, context.EntityPreview);
            case CommandSearch:
                var commands = await Required(component.OnCommandSearch, name)(Argument(name, json, context.String), cancellationToken);
                return JsonSerializer.SerializeToNode(commands, context.IReadOnlyListChatKitCommand);
            case CommandSelect:
                var chosen = await Required(component.OnCommandSelect, name)(Argument(name, json, context.ChatKitCommand), cancellationToken);
                return chosen is null ? null : JsonSerializer.SerializeToNode(chosen, context.CommandResult);
            case HeaderLeft:
                await component.OnHeaderLeftAction.InvokeAsync();
                return null;
            case HeaderRight:
                await component.OnHeaderRightAction.InvokeAsync();
                return null;
            default:
                throw new ArgumentException($"Unknown ChatKit handler '{name}'.", nameof(name));
        }
    }

    private static T Required<T>(T? handler, string name)
        where T : class => handler ?? throw new InvalidOperationException($"The ChatKit component has no handler for '{name}'.");

    private static T Argument<T>(string name, string json, JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(json, typeInfo) ?? throw new ArgumentException($"The ChatKit handler '{name}' got no argument.", nameof(json));
}
