using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChatKit.Widgets.Templates.Jinja;

namespace ChatKit.Widgets.Templates.Schema;

/// <summary>
/// A compact JSON Schema validator (draft-07 / 2020-12 subset, see <see cref="SchemaNode"/>) compiled once from a
/// schema document; validates values of the template value model and reports every violation with its JSON path.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private readonly SchemaNode _root;

    private JsonSchemaValidator(SchemaNode root)
    {
        _root = root;
    }

    /// <summary>Compiles <paramref name="schema"/>; throws <see cref="WidgetTemplateException"/> for unusable schemas.</summary>
    public static JsonSchemaValidator Compile(JsonNode schema)
    {
        var compiler = new Compiler(schema);
        return new JsonSchemaValidator(compiler.Compile(schema, "#"));
    }

    public IReadOnlyList<WidgetDataValidationError> Validate(object? value)
    {
        var errors = new List<WidgetDataValidationError>();
        _root.Validate(value, SchemaPath.Root, errors);
        return errors;
    }

    private sealed class Compiler(JsonNode root)
    {
        private readonly Dictionary<string, SchemaNode> _refs = new(StringComparer.Ordinal);

        public SchemaNode Compile(JsonNode? node, string location)
        {
            if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                return new SchemaNode { AlwaysValid = v.GetValue<bool>() };
            }

            if (node is not JsonObject obj)
            {
                throw new WidgetTemplateException($"jsonSchema: expected a schema object or boolean at {location}, got {node?.GetValueKind().ToString() ?? "null"}.");
            }

            string? refText = obj["$ref"] is JsonValue r && r.GetValueKind() == JsonValueKind.String ? r.GetValue<string>() : null;
            var items = obj["items"];
            return new SchemaNode
            {
                Types = obj["type"] switch
                {
                    JsonArray arr => [.. arr.Select(t => t!.GetValue<string>())],
                    JsonValue t => [t.GetValue<string>()],
                    _ => null,
                },
                Enum = obj["enum"] is JsonArray e ? [.. e.Select(JsonValues.FromNode)] : null,
                HasConst = obj.ContainsKey("const"),
                Const = obj.ContainsKey("const") ? JsonValues.FromNode(obj["const"]) : null,
                Properties = obj["properties"] is JsonObject props
                    ? props.ToDictionary(p => p.Key, p => Compile(p.Value, $"{location}/properties/{p.Key}"), StringComparer.Ordinal)
                    : null,
                PatternProperties = obj["patternProperties"] is JsonObject pp
                    ? [.. pp.Select(p => (MakeRegex(p.Key, location), Compile(p.Value, $"{location}/patternProperties/{p.Key}")))]
                    : null,
                Required = obj["required"] is JsonArray req ? [.. req.Select(x => x!.GetValue<string>())] : null,
                AdditionalProperties = obj.ContainsKey("additionalProperties") ? Compile(obj["additionalProperties"], location + "/additionalProperties") : null,
                MinProperties = Int(obj, "minProperties"),
                MaxProperties = Int(obj, "maxProperties"),
                Items = items is JsonArray ? null : items is null ? null : Compile(items, location + "/items"),
                PrefixItems = obj["prefixItems"] is JsonArray prefix
                    ? [.. prefix.Select((s, i) => Compile(s, $"{location}/prefixItems/{i}"))]
                    : items is JsonArray tuple ? [.. tuple.Select((s, i) => Compile(s, $"{location}/items/{i}"))] : null,
                MinItems = Int(obj, "minItems"),
                MaxItems = Int(obj, "maxItems"),
                UniqueItems = obj["uniqueItems"] is JsonValue u && u.GetValueKind() == JsonValueKind.True,
                Minimum = Number(obj, "minimum"),
                Maximum = Number(obj, "maximum"),
                ExclusiveMinimum = ExclusiveBound(obj, "exclusiveMinimum", "minimum"),
                ExclusiveMaximum = ExclusiveBound(obj, "exclusiveMaximum", "maximum"),
                MultipleOf = Number(obj, "multipleOf"),
                MinLength = Int(obj, "minLength"),
                MaxLength = Int(obj, "maxLength"),
                Pattern = obj["pattern"] is JsonValue pat ? MakeRegex(pat.GetValue<string>(), location) : null,
                PatternSource = obj["pattern"]?.GetValue<string>(),
                RefText = refText,
                Ref = refText is null ? null : MakeRef(refText, location),
                AllOf = List(obj, "allOf", location),
                AnyOf = List(obj, "anyOf", location),
                OneOf = List(obj, "oneOf", location),
                Not = Optional(obj, "not", location),
                If = Optional(obj, "if", location),
                Then = Optional(obj, "then", location),
                Else = Optional(obj, "else", location),
                Contains = Optional(obj, "contains", location),
                PropertyNames = Optional(obj, "propertyNames", location),
                DependentRequired = obj["dependentRequired"] is JsonObject dr
                    ? dr.ToDictionary(p => p.Key, p => p.Value is JsonArray names ? names.Select(n => n!.GetValue<string>()).ToArray() : [], StringComparer.Ordinal)
                    : null,
            };
        }

        private SchemaNode? Optional(JsonObject obj, string keyword, string location) =>
            obj.ContainsKey(keyword) ? Compile(obj[keyword], $"{location}/{keyword}") : null;

        private SchemaNode[]? List(JsonObject obj, string keyword, string location) =>
            obj[keyword] is JsonArray arr ? [.. arr.Select((s, i) => Compile(s, $"{location}/{keyword}/{i}"))] : null;

        private Func<SchemaNode> MakeRef(string reference, string location)
        {
            if (!reference.StartsWith('#'))
            {
                throw new WidgetTemplateException($"jsonSchema: only local $ref values ('#', '#/definitions/...', '#/$defs/...') are supported; got '{reference}' at {location}.");
            }

            var target = Resolve(reference) ?? throw new WidgetTemplateException($"jsonSchema: $ref '{reference}' at {location} does not resolve.");
            SchemaNode? compiled = null;
            return () =>
            {
                if (compiled is not null)
                {
                    return compiled;
                }

                lock (_refs)
                {
                    if (!_refs.TryGetValue(reference, out compiled))
                    {
                        compiled = Compile(target, reference);
                        _refs[reference] = compiled;
                    }

                    return compiled;
                }
            };
        }

        private JsonNode? Resolve(string reference)
        {
            JsonNode? current = root;
            var pointer = Uri.UnescapeDataString(reference[1..]);
            if (pointer.Length == 0)
            {
                return current;
            }

            foreach (var raw in pointer.TrimStart('/').Split('/'))
            {
                var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                current = current switch
                {
                    JsonObject o => o[part],
                    JsonArray a when int.TryParse(part, out var i) && i >= 0 && i < a.Count => a[i],
                    _ => null,
                };
                if (current is null)
                {
                    return null;
                }
            }

            return current;
        }

        private static Regex MakeRegex(string pattern, string location)
        {
            try
            {
                return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                throw new WidgetTemplateException($"jsonSchema: invalid pattern '{pattern}' at {location}: {e.Message}", e);
            }
        }

        private static int? Int(JsonObject obj, string keyword) =>
            obj[keyword] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)Math.Min(int.MaxValue, v.GetValue<double>()) : null;

        private static double? Number(JsonObject obj, string keyword) =>
            obj[keyword] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

        /// <summary>Draft 6+ numeric form, or draft-4 boolean form (applies to minimum/maximum).</summary>
        private static double? ExclusiveBound(JsonObject obj, string keyword, string boundKeyword) =>
            obj[keyword] is JsonValue v
                ? v.GetValueKind() switch
                {
                    JsonValueKind.Number => v.GetValue<double>(),
                    JsonValueKind.True => Number(obj, boundKeyword),
                    _ => null,
                }
                : null;
    }
}
