using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Json;

/// <summary>
/// Rejects a <c>null</c> element of a typed list or map in a request, e.g. <c>"content": [null]</c> or
/// <c>"answers": {"q": null}</c>: the reference rejects them, and the serializer on its own reads them as null
/// entries that reach handlers and stores.
/// </summary>
/// <remarks>
/// <para>
/// A contract modifier on the wire options, evaluated once per type when its metadata is built: every object type
/// reachable from <see cref="ChatKitRequest"/> that has a typed collection property gets an
/// <see cref="JsonTypeInfo.OnDeserialized"/> callback that looks through those collections (already in memory) for
/// null. Both request paths (the concrete type's metadata and the polymorphic one) build objects through the same
/// metadata, so they reject the same bodies. Nothing is reflected over or re-read for a valid request, and lists are
/// scanned without allocating (a map costs its boxed enumerator).
/// </para>
/// <para>
/// Elements that are free-form JSON (<see cref="JsonNode"/>, <see cref="object"/>) or <see cref="Nullable{T}"/>
/// keep their nulls, and so does free-form JSON itself (metadata, payloads, tag data, tool results): it is not a
/// typed collection.
/// </para>
/// <para>
/// Only the wire options get the check, and only for request types. Stores read with the storage options, and a
/// stored structured input answer may hold a null value accepted before this check existed; reading it must not
/// start failing. Writing is not affected at all.
/// </para>
/// <para>
/// A converter wrapping each collection's converter would need one generic instance per collection type (reflection,
/// or a hand-kept list) and would hide the element's place from the serializer's own error paths; looking at the
/// finished collection needs neither. The serializer sets the thrown exception's path to the object holding the
/// collection, and <see cref="NullElementException"/> adds the rest, e.g. <c>params.input.content[0]</c>.
/// </para>
/// </remarks>
internal static class NullElements
{
    private static readonly Lazy<HashSet<Type>> RequestTypes = new(FindRequestTypes);

    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !RequestTypes.Value.Contains(typeInfo.Type))
        {
            return;
        }

        List<Check>? checks = null;
        foreach (var property in typeInfo.Properties)
        {
            // [JsonIgnore]d properties have no getter; they are not read from JSON.
            if (property.Get is { } get && RuleFor(Metadata(property.PropertyType)) is { } rule)
            {
                (checks ??= []).Add(new Check(JsonPathStep(property.Name), get, rule));
            }
        }

        if (checks is null)
        {
            return;
        }

        Check[] all = [.. checks];
        var previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = target =>
        {
            foreach (var check in all)
            {
                if (check.Get(target) is { } collection && check.Rule.FindNull(collection) is { } where)
                {
                    throw new NullElementException(check.Step + where);
                }
            }

            previous?.Invoke(target);
        };
    }

    // The unmodified source-generated metadata: resolving through it never re-enters a modifier.
    private static JsonTypeInfo? Metadata(Type type) => ChatKitJsonContext.Default.GetTypeInfo(type);

    private static HashSet<Type> FindRequestTypes()
    {
        var found = new HashSet<Type>();
        Visit(Metadata(typeof(ChatKitRequest)));
        return found;

        void Visit(JsonTypeInfo? info)
        {
            if (info is null || !found.Add(info.Type))
            {
                return;
            }

            foreach (var derived in info.PolymorphismOptions?.DerivedTypes ?? [])
            {
                Visit(Metadata(derived.DerivedType));
            }

            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    foreach (var property in info.Properties)
                    {
                        Visit(Metadata(property.PropertyType));
                    }

                    break;
                case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                    Visit(Metadata(info.ElementType!));
                    break;
            }
        }
    }

    /// <summary>The rule for a property of this type, or null when it is not a typed collection.</summary>
    private static Rule? RuleFor(JsonTypeInfo? info)
    {
        if (info is null || info.Kind is not (JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary))
        {
            return null;
        }

        var element = info.ElementType!;
        var typed = !element.IsValueType && element != typeof(object) && !typeof(JsonNode).IsAssignableFrom(element);
        var inner = RuleFor(Metadata(element));
        return typed || inner is not null ? new Rule(info.Kind == JsonTypeInfoKind.Dictionary, typed, inner) : null;
    }

    /// <summary>A property name as the serializer writes it in a JSON path.</summary>
    private static string JsonPathStep(string name) =>
        name.AsSpan().IndexOfAny(".'[]()\"\\/ \t\r\n\f\b\u0085\u2028\u2029") < 0 ? "." + name : $"['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";

    private sealed record Check(string Step, Func<object, object?> Get, Rule Rule);

    /// <summary>What to look for in one collection: null elements (unless free-form) and inside nested collections.</summary>
    private sealed record Rule(bool IsDictionary, bool RejectsNull, Rule? Inner)
    {
        /// <summary>The path of the first null element relative to the collection, or null when there is none.</summary>
        public string? FindNull(object collection)
        {
            // The serializer builds Dictionary<,>, List<> or arrays: their non-generic views need no reflection.
            if (IsDictionary)
            {
                if (collection is IDictionary map)
                {
                    var entries = map.GetEnumerator();
                    while (entries.MoveNext())
                    {
                        if (Inside(entries.Value) is { } where)
                        {
                            return JsonPathStep(entries.Key.ToString() ?? "") + where;
                        }
                    }
                }

                return null;
            }

            if (collection is IList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (Inside(list[i]) is { } where)
                    {
                        return Index(i) + where;
                    }
                }

                return null;
            }

            var index = 0;
            foreach (var element in (IEnumerable)collection)
            {
                if (Inside(element) is { } where)
                {
                    return Index(index) + where;
                }

                index++;
            }

            return null;
        }

        /// <summary>"" when the element itself is a rejected null; the path inside it to one; otherwise null.</summary>
        private string? Inside(object? element) => element is null
            ? (RejectsNull ? "" : null)
            : Inner?.FindNull(element);

        private static string Index(int i) => $"[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
    }
}

/// <summary>
/// A null element of a typed collection. The serializer sets <see cref="JsonException.Path"/> to the object that
/// holds the collection; the message adds the element's place in it.
/// </summary>
internal sealed class NullElementException(string relativePath) : JsonException("A typed collection holds a null element.")
{
    /// <summary>Where the null is, e.g. <c>params.input.content[0]</c>.</summary>
    public string Location
    {
        get
        {
            var full = (Path ?? "$") + relativePath;
            return full.StartsWith("$.", StringComparison.Ordinal) ? full[2..] : full.TrimStart('$');
        }
    }

    /// <inheritdoc />
    public override string Message => $"'{Location}' must not be null.";
}
