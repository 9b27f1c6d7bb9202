using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Widgets;

/// <summary>
/// A widget action with a typed payload, used both ways: build the <see cref="ActionConfig"/> a button carries, and read
/// the <see cref="CustomAction"/> the server receives. Payloads go through source-generated metadata (no reflection).
/// </summary>
/// <remarks>Named <c>WidgetAction</c> rather than <c>Action</c> so it never clashes with <see cref="System.Action{T}"/>.</remarks>
/// <example>
/// <code>
/// [JsonSerializable(typeof(SelectLine))] partial class AppJson : JsonSerializerContext;
/// record SelectLine(string Id);
///
/// var action = WidgetAction.Create("line.select", new SelectLine("blue"), AppJson.Default.SelectLine);
/// var item = new ListViewItem { Children = [...], OnClickAction = action };       // implicit ActionConfig
///
/// // in ActionAsync:
/// if (WidgetAction.TryParse(action, "line.select", AppJson.Default.SelectLine, out var select)) { … select.Payload.Id … }
/// </code>
/// </example>
/// <typeparam name="TPayload">The payload type.</typeparam>
public sealed class WidgetAction<TPayload>
{
    internal WidgetAction(string type, TPayload payload, JsonTypeInfo<TPayload> payloadTypeInfo)
    {
        Type = type;
        Payload = payload;
        PayloadTypeInfo = payloadTypeInfo;
    }

    /// <summary>The action name.</summary>
    public string Type { get; }

    /// <summary>The payload.</summary>
    public TPayload Payload { get; }

    /// <summary>Metadata used to (de)serialize the payload.</summary>
    public JsonTypeInfo<TPayload> PayloadTypeInfo { get; }

    /// <summary>The action as a widget prop; only the fields given are written.</summary>
    public ActionConfig ToActionConfig(ActionHandler? handler = null, ActionLoadingBehavior? loadingBehavior = null, bool? streaming = null) =>
        ActionConfig.Create(Type, Payload, PayloadTypeInfo, handler, loadingBehavior, streaming);

    /// <summary>What the client would send for this action (no form values).</summary>
    public CustomAction ToCustomAction() => new() { Type = Type, Payload = JsonSerializer.SerializeToNode(Payload, PayloadTypeInfo) };

    /// <summary>The action as a widget prop with client defaults.</summary>
    public static implicit operator ActionConfig(WidgetAction<TPayload> action) =>
        (action ?? throw new ArgumentNullException(nameof(action))).ToActionConfig();
}

/// <summary>Creates and parses <see cref="WidgetAction{TPayload}"/>s.</summary>
public static class WidgetAction
{
    /// <summary>A typed action.</summary>
    public static WidgetAction<TPayload> Create<TPayload>(string type, TPayload payload, JsonTypeInfo<TPayload> payloadTypeInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(payloadTypeInfo);
        return new WidgetAction<TPayload>(type, payload, payloadTypeInfo);
    }

    /// <summary>Reads the payload of an incoming action, whatever its type.</summary>
    /// <exception cref="WidgetActionPayloadException">The payload is missing or does not match <typeparamref name="TPayload"/>.</exception>
    public static WidgetAction<TPayload> Parse<TPayload>(CustomAction action, JsonTypeInfo<TPayload> payloadTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(payloadTypeInfo);
        return new WidgetAction<TPayload>(action.Type, ReadPayload(action.Type, action.Payload, payloadTypeInfo), payloadTypeInfo);
    }

    /// <summary>Reads an incoming action that must be of type <paramref name="expectedType"/>.</summary>
    /// <exception cref="WidgetActionPayloadException">The action has another type, or its payload does not match.</exception>
    public static WidgetAction<TPayload> Parse<TPayload>(CustomAction action, string expectedType, JsonTypeInfo<TPayload> payloadTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!string.Equals(action.Type, expectedType, StringComparison.Ordinal))
        {
            throw new WidgetActionPayloadException(action.Type, $"Expected a '{expectedType}' action, got '{action.Type}'.");
        }

        return Parse(action, payloadTypeInfo);
    }

    /// <summary>
    /// Reads <paramref name="action"/> when it is of type <paramref name="expectedType"/>; returns false for other
    /// types. A matching type with a bad payload still throws, since that is a bug in the widget or the client.
    /// </summary>
    /// <exception cref="WidgetActionPayloadException">The type matches but the payload does not.</exception>
    public static bool TryParse<TPayload>(
        CustomAction action, string expectedType, JsonTypeInfo<TPayload> payloadTypeInfo, [NotNullWhen(true)] out WidgetAction<TPayload>? result)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!string.Equals(action.Type, expectedType, StringComparison.Ordinal))
        {
            result = null;
            return false;
        }

        result = Parse(action, payloadTypeInfo);
        return true;
    }

    private static TPayload ReadPayload<TPayload>(string type, JsonNode? payload, JsonTypeInfo<TPayload> typeInfo)
    {
        var target = typeof(TPayload).Name;
        if (payload is null && typeof(TPayload) != typeof(JsonNode))
        {
            throw new WidgetActionPayloadException(type, $"Action '{type}' has no payload; expected {target}.");
        }

        try
        {
            var value = payload is null ? default : payload.Deserialize(typeInfo);
            return value is null && typeof(TPayload) != typeof(JsonNode) && default(TPayload) is null
                ? throw new WidgetActionPayloadException(type, $"Action '{type}' has a null payload; expected {target}.")
                : value!;
        }
        catch (JsonException e)
        {
            throw new WidgetActionPayloadException(type, $"Action '{type}' payload does not match {target}: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new WidgetActionPayloadException(type, $"Action '{type}' payload does not match {target}: {e.Message}", e);
        }
    }
}

/// <summary>An incoming action does not have the expected type or payload shape (answered as 400 <c>invalid_request</c> where applicable).</summary>
public sealed class WidgetActionPayloadException : ChatKitException
{
    /// <summary>Creates the exception.</summary>
    public WidgetActionPayloadException(string actionType, string message, Exception? innerException = null)
        : base(400, "invalid_request", message, innerException)
    {
        ActionType = actionType;
    }

    /// <summary>The type of the offending action.</summary>
    public string ActionType { get; }
}
