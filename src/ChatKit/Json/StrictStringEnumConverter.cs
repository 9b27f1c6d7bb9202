using System.Text.Json.Serialization;

namespace ChatKit.Json;

/// <summary>
/// Reads and writes a protocol enum by its exact wire name only: integers (e.g. <c>"order": 1</c>) are rejected, as
/// the reference rejects anything but its literal values.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class StrictStringEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Creates the converter.</summary>
    public StrictStringEnumConverter()
        : base(namingPolicy: null, allowIntegerValues: false)
    {
    }
}
