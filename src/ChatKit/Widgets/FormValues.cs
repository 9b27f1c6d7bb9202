using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Widgets;

/// <summary>
/// Reads form values out of an action payload. When an action fires from inside a <see cref="Form"/> (or a Card with
/// <c>asForm: true</c>), the client merges the value of every control (Input, Textarea, Select, Checkbox, RadioGroup,
/// DatePicker, editable Text) into the action's <c>payload</c> under the control's <c>name</c>; dotted names nest
/// (<c>name="todo.title"</c> arrives as <c>payload.todo.title</c>). Keys already present in the authored payload win
/// (the client reports the collision and drops the form value).
/// </summary>
/// <example>
/// <code>
/// var form = FormValues.From(action);
/// var title = form.GetString("todo.title");      // payload.todo.title
/// var done = form.GetBoolean("todo.done") ?? false;
/// </code>
/// </example>
public sealed class FormValues
{
    private FormValues(JsonNode? payload) => Payload = payload;

    /// <summary>The payload read.</summary>
    public JsonNode? Payload { get; }

    /// <summary>Reads the values of an incoming action.</summary>
    public static FormValues From(CustomAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return new FormValues(action.Payload);
    }

    /// <summary>Reads the values of a payload.</summary>
    public static FormValues From(JsonNode? payload) => new(payload);

    /// <summary>Finds the value of the control named <paramref name="name"/> (dotted names walk nested objects).</summary>
    public bool TryGetValue(string name, out JsonNode? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var node = Payload;
        foreach (var segment in name.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
            {
                value = null;
                return false;
            }
        }

        value = node;
        return true;
    }

    /// <summary>Whether a value named <paramref name="name"/> is present (even when null).</summary>
    public bool Contains(string name) => TryGetValue(name, out _);

    /// <summary>A string value (Input, Textarea, Select, RadioGroup, DatePicker's ISO date, editable Text); null when absent.</summary>
    /// <exception cref="FormatException">The value is not a string.</exception>
    public string? GetString(string name) =>
        !TryGetValue(name, out var v) || v is null ? null
        : v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
        : throw new FormatException($"Form value '{name}' is {WidgetJson.Preview(v)}, not a string.");

    /// <summary>A boolean value (Checkbox); accepts JSON booleans and the strings <c>"true"</c>/<c>"false"</c>/<c>"on"</c>; null when absent.</summary>
    /// <exception cref="FormatException">The value is not a boolean.</exception>
    public bool? GetBoolean(string name)
    {
        if (!TryGetValue(name, out var v) || v is null)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when v.GetValue<string>() is "true" or "on" => true,
            JsonValueKind.String when v.GetValue<string>() is "false" => false,
            _ => throw new FormatException($"Form value '{name}' is {WidgetJson.Preview(v)}, not a boolean."),
        };
    }

    /// <summary>A value converted with source-generated metadata; default when absent.</summary>
    /// <exception cref="FormatException">The value does not match <typeparamref name="T"/>.</exception>
    public T? Get<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!TryGetValue(name, out var v) || v is null)
        {
            return default;
        }

        try
        {
            return v.Deserialize(typeInfo);
        }
        catch (JsonException e)
        {
            throw new FormatException($"Form value '{name}' does not match {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Does what the client does before sending an action from a form: merges <paramref name="fields"/> (control name →
    /// value) into a copy of <paramref name="authoredPayload"/>, nesting dotted names and skipping names that collide
    /// with authored keys. Useful to test action handlers.
    /// </summary>
    /// <exception cref="ArgumentException">The authored payload is not an object.</exception>
    public static JsonObject Merge(JsonNode? authoredPayload, IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var result = authoredPayload switch
        {
            null => new JsonObject(),
            JsonObject o => o.DeepClone().AsObject(),
            _ => throw new ArgumentException("Form values can only be merged into an object payload.", nameof(authoredPayload)),
        };
        var authored = From(authoredPayload);
        foreach (var (name, value) in fields)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(fields));
            if (authored.Contains(name) || CollidesWithAuthoredLeaf(authored, name))
            {
                continue;
            }

            var segments = name.Split('.');
            var target = result;
            var blocked = false;
            for (var i = 0; i < segments.Length - 1; i++)
            {
                switch (target[segments[i]])
                {
                    case JsonObject next:
                        target = next;
                        break;
                    case null:
                        var created = new JsonObject();
                        target[segments[i]] = created;
                        target = created;
                        break;
                    default:
                        blocked = true;
                        break;
                }

                if (blocked)
                {
                    break;
                }
            }

            if (!blocked)
            {
                target[segments[^1]] = value?.DeepClone();
            }
        }

        return result;
    }

    private static bool CollidesWithAuthoredLeaf(FormValues authored, string name)
    {
        // "a.b" collides when the authored payload has a non-object "a".
        var dot = name.LastIndexOf('.');
        while (dot > 0)
        {
            var prefix = name[..dot];
            if (authored.TryGetValue(prefix, out var v) && v is not JsonObject)
            {
                return true;
            }

            dot = prefix.LastIndexOf('.');
        }

        return false;
    }
}
