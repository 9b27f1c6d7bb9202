using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

/// <summary>
/// Base of every widget type: a typed view over a <see cref="JsonObject"/>. The JSON is the single source of truth,
/// so props the typed API does not know (template output, newer client features) survive any read/modify/write.
/// </summary>
/// <remarks>
/// Setting a typed property to <see langword="null"/> removes the prop. Assigning an object or list that already
/// belongs to another tree copies it (a JSON node has one parent); otherwise the assigned instance stays live.
/// </remarks>
public abstract class WidgetObject
{
    private protected WidgetObject(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
    }

    /// <summary>The underlying JSON (camelCase props, written verbatim apart from dropping nulls).</summary>
    public JsonObject Json { get; }

    /// <summary>Raw access to any prop, known or not. Setting <see langword="null"/> removes it.</summary>
    public JsonNode? this[string propertyName]
    {
        get => Json[propertyName];
        set => SetNode(propertyName, value);
    }

    /// <summary>The JSON text with null props dropped recursively (compact).</summary>
    public string ToJsonString() => WidgetJson.ToJsonString(Json);

    /// <inheritdoc />
    public override string ToString() => ToJsonString();

    /// <summary>Whether this object and <paramref name="other"/> serialize to the same JSON (ignoring prop order and nulls).</summary>
    public bool JsonEquals(WidgetObject? other) => other is not null && WidgetJson.DeepEquals(Json, other.Json);

    private protected virtual void SetNode(string name, JsonNode? value)
    {
        if (value is null)
        {
            Json.Remove(name);
        }
        else
        {
            Json[name] = WidgetJson.Adopt(value);
        }
    }

    private protected string Describe(string name) => $"'{DescribeOwner()}.{name}'";

    private protected virtual string DescribeOwner() => GetType().Name;

    private protected InvalidOperationException WrongShape(string name, string expected) =>
        new($"Widget prop {Describe(name)} holds {WidgetJson.Preview(Json[name])}, which is not {expected}. Read it raw with this[\"{name}\"].");

    private protected string? GetString(string name) =>
        Json[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw WrongShape(name, "a string"),
        };

    private protected string GetRequiredString(string name) =>
        GetString(name) ?? throw new InvalidOperationException($"Widget prop {Describe(name)} is required but missing.");

    private protected void SetString(string name, string? value) => SetNode(name, value is null ? null : JsonValue.Create(value));

    private protected bool? GetBool(string name) =>
        Json[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() == JsonValueKind.False => false,
            _ => throw WrongShape(name, "a boolean"),
        };

    private protected void SetBool(string name, bool? value) => SetNode(name, value is { } b ? JsonValue.Create(b) : null);

    private protected int? GetInt(string name)
    {
        switch (Json[name])
        {
            case null:
                return null;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                var d = WidgetJson.GetDouble(v);
                if (d % 1 == 0 && d is >= int.MinValue and <= int.MaxValue)
                {
                    return (int)d;
                }

                break;
        }

        throw WrongShape(name, "an integer");
    }

    private protected void SetInt(string name, int? value) => SetNode(name, value is { } i ? JsonValue.Create(i) : null);

    private protected double? GetDouble(string name) =>
        Json[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => WidgetJson.GetDouble(v),
            _ => throw WrongShape(name, "a number"),
        };

    private protected void SetDouble(string name, double? value) => SetNode(name, value is { } d ? JsonValue.Create(d) : null);

    private protected T? GetEnum<T>(string name)
        where T : struct, Enum
    {
        var s = Json[name] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => throw WrongShape(name, $"a {typeof(T).Name}"),
        };
        if (s is null)
        {
            return null;
        }

        return WidgetEnum<T>.TryParse(s, out var value) ? value : throw WrongShape(name, $"a {typeof(T).Name} ({WidgetEnum<T>.Describe()})");
    }

    private protected void SetEnum<T>(string name, T? value)
        where T : struct, Enum =>
        SetNode(name, value is { } v ? JsonValue.Create(WidgetEnum<T>.ToWire(v)) : null);

    private protected T? GetValue<T>(string name)
        where T : struct, IWidgetValue<T>
    {
        var node = Json[name];
        if (node is null)
        {
            return null;
        }

        return T.TryFromJson(node, out var value) ? value : throw WrongShape(name, T.Description);
    }

    private protected void SetValue<T>(string name, T? value)
        where T : struct, IWidgetValue<T> =>
        SetNode(name, value?.ToJson());

    private protected IconName? GetIcon(string name)
    {
        var s = GetString(name);
        if (s is null)
        {
            return null;
        }

        return IconName.IsValid(s) ? new IconName(s) : throw WrongShape(name, "a ChatKit icon name");
    }

    private protected void SetIcon(string name, IconName? value) => SetString(name, value?.Value);

    private protected T? GetObject<T>(string name, Func<JsonObject, T> wrap)
        where T : WidgetObject =>
        Json[name] switch
        {
            null => null,
            JsonObject o => wrap(o),
            _ => throw WrongShape(name, "an object"),
        };

    private protected void SetObject(string name, WidgetObject? value) => SetNode(name, value?.Json);

    private protected WidgetList<T> GetList<T>(string name, Func<JsonNode, T> wrap, Func<T, JsonNode> unwrap, Action<T>? validate = null) =>
        new(Json, name, wrap, unwrap, validate);

    private protected void SetList<T>(string name, IEnumerable<T>? values, Func<T, JsonNode> unwrap, Action<T>? validate = null)
    {
        if (values is null)
        {
            Json.Remove(name);
            return;
        }

        if (values is WidgetList<T> live && ReferenceEquals(live.Array, Json[name]))
        {
            return;
        }

        var array = new JsonArray();
        foreach (var value in values)
        {
            ArgumentNullException.ThrowIfNull(value, name);
            validate?.Invoke(value);
            array.Add(WidgetJson.Adopt(unwrap(value)));
        }

        Json[name] = array;
    }

    /// <summary>Throws when the JSON lacks a string <c>type</c>.</summary>
    private protected static string RequireType(JsonObject json, string paramName) =>
        json["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String
            ? type.GetValue<string>()
            : throw new ArgumentException("A widget node needs a string 'type'.", paramName);

    private protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Throws when <paramref name="value"/> is null; used by typed views for required props.</summary>
    private protected static T NotNull<T>([NotNull] T? value, string name)
        where T : class =>
        value ?? throw new ArgumentNullException(name);
}
