using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;
using static ChatKit.Blazor.ChatKitEventNames;

namespace ChatKit.Blazor;

/// <summary>Which of the element's events (<see cref="ChatKitEventNames"/>) raise which <see cref="ChatKit"/> callbacks.</summary>
internal static class ElementEvents
{
    /// <summary>The events <paramref name="component"/> has callbacks for; only these are forwarded to .NET.</summary>
    public static IEnumerable<string> Subscribed(ChatKit component)
    {
        if (component.OnReady.HasDelegate) yield return Ready;
        if (component.OnError.HasDelegate) yield return Error;
        if (component.OnResponseStart.HasDelegate) yield return ResponseStart;
        if (component.OnResponseEnd.HasDelegate) yield return ResponseEnd;
        if (component.OnThreadChange.HasDelegate) yield return ThreadChange;
        if (component.OnThreadLoadStart.HasDelegate) yield return ThreadLoadStart;
        if (component.OnThreadLoadEnd.HasDelegate) yield return ThreadLoadEnd;
        if (component.OnToolChange.HasDelegate) yield return ToolChange;
        if (component.OnEffect.HasDelegate) yield return Effect;
        if (component.OnLog.HasDelegate) yield return Log;
        if (component.OnDeeplink.HasDelegate) yield return Deeplink;
        if (component.OnHistoryOpen.HasDelegate) yield return HistoryOpen;
        if (component.OnHistoryClose.HasDelegate) yield return HistoryClose;
    }

    /// <summary>Raises the callback of event <paramref name="name"/> with its JSON detail.</summary>
    public static Task DispatchAsync(ChatKit component, string name, string? detailJson) => name switch
    {
        Ready => component.OnReady.InvokeAsync(),
        Error => component.OnError.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitErrorEventArgs)),
        ResponseStart => component.OnResponseStart.InvokeAsync(),
        ResponseEnd => component.OnResponseEnd.InvokeAsync(),
        ThreadChange => component.OnThreadChange.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitThreadEventArgs)),
        ThreadLoadStart => component.OnThreadLoadStart.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitThreadEventArgs)),
        ThreadLoadEnd => component.OnThreadLoadEnd.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitThreadEventArgs)),
        ToolChange => component.OnToolChange.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitToolChangeEventArgs)),
        Effect => component.OnEffect.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitEffectEventArgs)),
        Log => component.OnLog.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitLogEventArgs)),
        Deeplink => component.OnDeeplink.InvokeAsync(Detail(name, detailJson, ChatKitJsonContext.Default.ChatKitDeeplinkEventArgs)),
        HistoryOpen => component.OnHistoryOpen.InvokeAsync(),
        HistoryClose => component.OnHistoryClose.InvokeAsync(),
        _ => throw new ArgumentException($"Unknown ChatKit event '{name}'.", nameof(name)),
    };

    private static T Detail<T>(string name, string? json, JsonTypeInfo<T> typeInfo) =>
        (json is null ? default : JsonSerializer.Deserialize(json, typeInfo))
        ?? throw new ArgumentException($"The ChatKit event '{name}' came without its detail.", nameof(json));
}
