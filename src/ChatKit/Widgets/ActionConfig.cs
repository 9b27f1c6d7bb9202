using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Widgets;

// Required props are views over the JSON (no backing fields): constructors that wrap existing JSON set them all.
#pragma warning disable CS8618

/// <summary>
/// What a widget does when clicked, submitted or changed (<c>onClickAction</c>, <c>onSubmitAction</c>,
/// <c>onChangeAction</c>, card <c>confirm</c>/<c>cancel</c>). Written exactly as authored: unset fields are omitted
/// and the client applies its defaults (<c>handler: "server"</c>, <c>loadingBehavior: "auto"</c>, <c>streaming: true</c>).
/// </summary>
/// <remarks>Only <see cref="Type"/> and <see cref="Payload"/> reach the server, as a <see cref="CustomAction"/>.</remarks>
public sealed class ActionConfig : WidgetObject
{
    /// <summary>Creates an action (set <see cref="Type"/>).</summary>
    public ActionConfig()
        : base([])
    {
    }

    [SetsRequiredMembers]
    internal ActionConfig(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Application-defined action name, e.g. <c>notification.settings</c>.</summary>
    public required string Type { get => GetRequiredString("type"); set => SetString("type", NotNull(value, nameof(Type))); }

    /// <summary>Data sent back with the action (normally an object; form values are merged into it by the client).</summary>
    public JsonNode? Payload { get => Json["payload"]; set => this["payload"] = value; }

    /// <summary>Who handles the action; omitted means server.</summary>
    public ActionHandler? Handler { get => GetEnum<ActionHandler>("handler"); set => SetEnum("handler", value); }

    /// <summary>Loading state while the action is handled; omitted means auto.</summary>
    public ActionLoadingBehavior? LoadingBehavior { get => GetEnum<ActionLoadingBehavior>("loadingBehavior"); set => SetEnum("loadingBehavior", value); }

    /// <summary>
    /// Server actions: <see langword="true"/> (the default when omitted) posts <c>threads.custom_action</c> and streams;
    /// <see langword="false"/> posts <c>threads.sync_custom_action</c>.
    /// </summary>
    public bool? Streaming { get => GetBool("streaming"); set => SetBool("streaming", value); }

    /// <summary>Creates an action with an optional JSON payload; only the fields given are written.</summary>
    public static ActionConfig Create(
        string type, JsonNode? payload = null, ActionHandler? handler = null, ActionLoadingBehavior? loadingBehavior = null, bool? streaming = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        return new ActionConfig { Type = type, Payload = payload, Handler = handler, LoadingBehavior = loadingBehavior, Streaming = streaming };
    }

    /// <summary>Creates an action whose payload is <paramref name="payload"/> serialized with source-generated metadata.</summary>
    public static ActionConfig Create<TPayload>(
        string type, TPayload payload, JsonTypeInfo<TPayload> payloadTypeInfo, ActionHandler? handler = null,
        ActionLoadingBehavior? loadingBehavior = null, bool? streaming = null)
    {
        ArgumentNullException.ThrowIfNull(payloadTypeInfo);
        return Create(type, JsonSerializer.SerializeToNode(payload, payloadTypeInfo), handler, loadingBehavior, streaming);
    }

    /// <summary>Wraps an action object (no copy).</summary>
    public static ActionConfig FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new ActionConfig(json);
    }

    /// <summary>What the client sends when this action fires (type and a copy of the payload, before form values are merged).</summary>
    public CustomAction ToCustomAction() => new() { Type = Type, Payload = WidgetJson.WithoutNulls(Payload) };

    /// <summary>A deep copy.</summary>
    public ActionConfig Clone() => new(Json.DeepClone().AsObject());
}
