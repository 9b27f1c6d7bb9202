using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Json;

/// <summary>
/// Reads an explicit <c>null</c> for an optional property exactly as if the property were absent: the reference
/// accepts null wherever a field is optional (docs/protocol.md §2.4), e.g. <c>"interactive": null</c> on a tag.
/// </summary>
/// <remarks>
/// <para>
/// <c>RespectNullableAnnotations</c> rejects null for a non-nullable property, and a bool or enum cannot hold null at
/// all. Making those properties nullable would leak nulls into the public API, and nullable twin properties would
/// change the types' contract for every other serializer, so this contract modifier changes only how the shared
/// options read, once per type when its metadata is built:
/// </para>
/// <list type="bullet">
/// <item>An optional reference property that cannot hold null (a list, map or JSON object with a default) skips a
/// null, so the value the constructor gave it stays.</item>
/// <item>An optional <see cref="bool"/> or <see cref="StructuredInputStatus"/> property reads null as what absence
/// gives: the constructor parameter's default when the property is bound through the constructor (init-only),
/// otherwise its initial value, read once from an instance made at set-up.</item>
/// </list>
/// <para>
/// Required properties stay strict, writing goes through the built-in converters unchanged, and nothing is reflected
/// over or allocated per request. Value types are listed because a converter for a type known only at run time
/// cannot be made without reflection; the request tests fail if an optional request field is not covered.
/// </para>
/// </remarks>
internal static class NullAsAbsent
{
    public static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        object? instance = null;
        foreach (var property in typeInfo.Properties)
        {
            // Required, read-only, [JsonIgnore]d and custom-converted properties keep the serializer's behaviour.
            if (property.IsRequired || property.Set is not { } set || property.Get is not { } get || property.CustomConverter is not null)
            {
                continue;
            }

            var parameter = property.AssociatedParameter;
            if (!property.PropertyType.IsValueType)
            {
                // A constructor-bound parameter's nullability cannot be changed here; no optional one exists.
                if (!property.IsSetNullable && parameter is null)
                {
                    property.IsSetNullable = true;
                    property.Set = (target, value) =>
                    {
                        if (value is not null)
                        {
                            set(target, value);
                        }
                    };
                }

                continue;
            }

            if (!IsCovered(property.PropertyType) || (parameter is null && typeInfo.CreateObject is null))
            {
                // Nullable<T> already reads null; otherwise the value absence gives cannot be known.
                continue;
            }

            var absent = parameter is not null
                ? (parameter.HasDefaultValue ? parameter.DefaultValue : null)
                : get(instance ??= typeInfo.CreateObject!());
            property.CustomConverter = property.PropertyType == typeof(bool)
                ? new NullAs<bool>(typeInfo.Options, absent)
                : new NullAs<StructuredInputStatus>(typeInfo.Options, absent);
        }
    }

    private static bool IsCovered(Type type) => type == typeof(bool) || type == typeof(StructuredInputStatus);

    /// <summary>Reads null as a fixed value and everything else through the type's own converter.</summary>
    private sealed class NullAs<T>(JsonSerializerOptions options, object? absent) : JsonConverter<T>
        where T : struct
    {
        private readonly JsonConverter<T> _inner = (JsonConverter<T>)options.GetTypeInfo(typeof(T)).Converter;
        private readonly T _absent = absent is T value ? value : default;

        public override bool HandleNull => true;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? _absent : _inner.Read(ref reader, typeToConvert, options);

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _inner.Write(writer, value, options);
    }
}
