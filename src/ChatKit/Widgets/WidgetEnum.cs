using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ChatKit.Widgets;

/// <summary>A widget prop value that is one of several JSON shapes (e.g. a number or a CSS string).</summary>
/// <typeparam name="TSelf">The implementing value type.</typeparam>
public interface IWidgetValue<TSelf>
    where TSelf : struct, IWidgetValue<TSelf>
{
    /// <summary>What the value may be, for error messages.</summary>
    static abstract string Description { get; }

    /// <summary>Reads the value from JSON; false when the JSON has another shape.</summary>
    static abstract bool TryFromJson(JsonNode node, out TSelf value);

    /// <summary>The value as JSON (values holding a widget object return its live node; assigning copies it if needed).</summary>
    JsonNode ToJson();
}

/// <summary>Maps widget enums to their wire strings (from their <see cref="JsonStringEnumMemberNameAttribute"/>s).</summary>
/// <typeparam name="T">The enum.</typeparam>
public static class WidgetEnum<T>
    where T : struct, Enum
{
    private static readonly Dictionary<T, string> Names = [];
    private static readonly Dictionary<string, T> Values = new(StringComparer.Ordinal);

    [SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Programming error in this assembly.")]
    static WidgetEnum()
    {
        var typeInfo = (JsonTypeInfo<T>)(WidgetEnumJsonContext.Default.GetTypeInfo(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in WidgetEnumJsonContext."));
        foreach (var value in Enum.GetValues<T>())
        {
            var name = JsonSerializer.SerializeToElement(value, typeInfo).GetString()!;
            Names[value] = name;
            Values[name] = value;
        }
    }

    /// <summary>All wire strings, in declaration order.</summary>
    public static IReadOnlyCollection<string> WireNames => Names.Values;

    /// <summary>The wire string of <paramref name="value"/>.</summary>
    public static string ToWire(T value) =>
        Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(T).Name}.");

    /// <summary>Parses a wire string (exact, case-sensitive).</summary>
    public static bool TryParse(string wire, out T value) => Values.TryGetValue(wire, out value);

    internal static string Describe() => string.Join(", ", Names.Values);
}
