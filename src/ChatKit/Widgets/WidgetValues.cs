using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

/// <summary>A <c>num | str</c> prop: pixels or spacing units as a number, or any CSS string (<c>"50%"</c>, <c>"16/9"</c>).</summary>
public readonly struct NumberOrString : IWidgetValue<NumberOrString>, IEquatable<NumberOrString>
{
    private readonly double _number;
    private readonly string? _string;
    private readonly bool _isInteger;

    private NumberOrString(double number, bool isInteger)
    {
        _number = number;
        _isInteger = isInteger;
    }

    private NumberOrString(string value) => _string = value;

    /// <summary>Whether the value is a string.</summary>
    public bool IsString => _string is not null;

    /// <summary>The number; null when the value is a string.</summary>
    public double? Number => _string is null ? _number : null;

    /// <summary>The string; null when the value is a number.</summary>
    public string? String => _string;

    /// <inheritdoc />
    public static string Description => "a number or a string";

    /// <summary>A number.</summary>
    public static implicit operator NumberOrString(int value) => new(value, isInteger: true);

    /// <summary>A number.</summary>
    public static implicit operator NumberOrString(long value) => new(value, isInteger: true);

    /// <summary>A number.</summary>
    public static implicit operator NumberOrString(double value) => new(value, isInteger: false);

    /// <summary>A CSS string.</summary>
    public static implicit operator NumberOrString(string value) => new(value ?? throw new ArgumentNullException(nameof(value)));

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out NumberOrString value)
    {
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                value = new NumberOrString(node.GetValue<string>());
                return true;
            case JsonValueKind.Number:
                var d = WidgetJson.GetDouble(node.AsValue());
                value = new NumberOrString(d, isInteger: !node.ToJsonString().Contains('.', StringComparison.Ordinal) && d % 1 == 0);
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <inheritdoc />
    public JsonNode ToJson() =>
        _string is not null ? JsonValue.Create(_string)
        : _isInteger && _number is >= long.MinValue and <= long.MaxValue ? JsonValue.Create((long)_number)
        : JsonValue.Create(_number);

    /// <inheritdoc />
    public bool Equals(NumberOrString other) => _string is null ? other._string is null && _number.Equals(other._number) : _string == other._string;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NumberOrString other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _string?.GetHashCode(StringComparison.Ordinal) ?? _number.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => _string ?? _number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Compares two values.</summary>
    public static bool operator ==(NumberOrString left, NumberOrString right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    public static bool operator !=(NumberOrString left, NumberOrString right) => !left.Equals(right);
}

/// <summary>A <c>str | ThemeColor</c> colour prop: a design token (<c>"secondary"</c>, <c>"blue-500"</c>), a CSS colour, or light/dark colours.</summary>
public readonly struct ColorValue : IWidgetValue<ColorValue>
{
    private readonly string? _string;
    private readonly ThemeColor? _theme;

    private ColorValue(string? value, ThemeColor? theme)
    {
        _string = value;
        _theme = theme;
    }

    /// <summary>The token or CSS colour; null for a theme colour.</summary>
    public string? String => _string;

    /// <summary>The light/dark pair; null for a string colour.</summary>
    public ThemeColor? ThemeColor => _theme;

    /// <inheritdoc />
    public static string Description => "a colour string or a {light, dark} object";

    /// <summary>A token or CSS colour.</summary>
    public static implicit operator ColorValue(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>Light and dark colours.</summary>
    public static implicit operator ColorValue(ThemeColor value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out ColorValue value)
    {
        value = node switch
        {
            JsonObject o => new ColorValue(null, new ThemeColor(o)),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => new ColorValue(v.GetValue<string>(), null),
            _ => default,
        };
        return value._string is not null || value._theme is not null;
    }

    /// <inheritdoc />
    public JsonNode ToJson() => _theme?.Json ?? (JsonNode)JsonValue.Create(_string ?? string.Empty);

    /// <inheritdoc />
    public override string ToString() => _string ?? _theme?.ToJsonString() ?? string.Empty;
}

/// <summary>A <c>num | str | Spacing</c> prop (<c>padding</c>, <c>margin</c>): one value for all sides, or per side.</summary>
public readonly struct SpacingValue : IWidgetValue<SpacingValue>
{
    private readonly NumberOrString? _value;
    private readonly Spacing? _spacing;

    private SpacingValue(NumberOrString? value, Spacing? spacing)
    {
        _value = value;
        _spacing = spacing;
    }

    /// <summary>The value for all sides; null when per side.</summary>
    public NumberOrString? All => _value;

    /// <summary>The per-side spacing; null when one value.</summary>
    public Spacing? Sides => _spacing;

    /// <inheritdoc />
    public static string Description => "a number, a string or a spacing object";

    /// <summary>Spacing units for all sides.</summary>
    public static implicit operator SpacingValue(int value) => new(value, null);

    /// <summary>Spacing units for all sides.</summary>
    public static implicit operator SpacingValue(double value) => new(value, null);

    /// <summary>A CSS value for all sides.</summary>
    public static implicit operator SpacingValue(string value) => new((NumberOrString)value, null);

    /// <summary>Per-side spacing.</summary>
    public static implicit operator SpacingValue(Spacing value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out SpacingValue value)
    {
        if (node is JsonObject o)
        {
            value = new SpacingValue(null, new Spacing(o));
            return true;
        }

        var ok = NumberOrString.TryFromJson(node, out var v);
        value = ok ? new SpacingValue(v, null) : default;
        return ok;
    }

    /// <inheritdoc />
    public JsonNode ToJson() => _spacing?.Json ?? _value.GetValueOrDefault(0).ToJson();
}

/// <summary>A <c>int | Border | Borders</c> prop: a width in px, one border for all edges, or per edge.</summary>
public readonly struct BorderValue : IWidgetValue<BorderValue>
{
    private readonly int? _size;
    private readonly WidgetObject? _object;

    private BorderValue(int? size, WidgetObject? obj)
    {
        _size = size;
        _object = obj;
    }

    /// <summary>The width in px for all edges; null otherwise.</summary>
    public int? Size => _size;

    /// <summary>One border for all edges; null otherwise.</summary>
    public Border? Border => _object as Border;

    /// <summary>Per-edge borders; null otherwise.</summary>
    public Borders? Borders => _object as Borders;

    /// <inheritdoc />
    public static string Description => "an integer, a border or a borders object";

    /// <summary>A width in px.</summary>
    public static implicit operator BorderValue(int value) => new(value, null);

    /// <summary>One border for all edges.</summary>
    public static implicit operator BorderValue(Border value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Per-edge borders.</summary>
    public static implicit operator BorderValue(Borders value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out BorderValue value)
    {
        switch (node)
        {
            // A Border always has a size; Borders has only edge names.
            case JsonObject o:
                value = new BorderValue(null, o.ContainsKey("size") ? new Border(o) : new Borders(o));
                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && WidgetJson.GetDouble(v) is var d && d % 1 == 0:
                value = new BorderValue((int)d, null);
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <inheritdoc />
    public JsonNode ToJson() => _object?.Json ?? (JsonNode)JsonValue.Create(_size.GetValueOrDefault());
}

/// <summary>One edge of <see cref="Borders"/>: a width in px or a <see cref="Widgets.Border"/>.</summary>
public readonly struct BorderEdge : IWidgetValue<BorderEdge>
{
    private readonly int? _size;
    private readonly Border? _border;

    private BorderEdge(int? size, Border? border)
    {
        _size = size;
        _border = border;
    }

    /// <summary>The width in px; null for a border object.</summary>
    public int? Size => _size;

    /// <summary>The border; null for a width.</summary>
    public Border? Border => _border;

    /// <inheritdoc />
    public static string Description => "an integer or a border object";

    /// <summary>A width in px.</summary>
    public static implicit operator BorderEdge(int value) => new(value, null);

    /// <summary>A border.</summary>
    public static implicit operator BorderEdge(Border value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out BorderEdge value)
    {
        switch (node)
        {
            case JsonObject o:
                value = new BorderEdge(null, new Border(o));
                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number && WidgetJson.GetDouble(v) is var d && d % 1 == 0:
                value = new BorderEdge((int)d, null);
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <inheritdoc />
    public JsonNode ToJson() => _border?.Json ?? (JsonNode)JsonValue.Create(_size.GetValueOrDefault());
}

/// <summary>ListView <c>limit</c>: a number of items, or <c>"auto"</c>.</summary>
public readonly struct ListViewLimit : IWidgetValue<ListViewLimit>, IEquatable<ListViewLimit>
{
    private readonly int _count;
    private readonly bool _isAuto;

    private ListViewLimit(int count, bool isAuto)
    {
        _count = count;
        _isAuto = isAuto;
    }

    /// <summary><c>"auto"</c>: the client decides.</summary>
    public static ListViewLimit Auto => new(0, isAuto: true);

    /// <summary>Whether the limit is <c>"auto"</c>.</summary>
    public bool IsAuto => _isAuto;

    /// <summary>The item count; null for <c>"auto"</c>.</summary>
    public int? Count => _isAuto ? null : _count;

    /// <inheritdoc />
    public static string Description => "an integer or \"auto\"";

    /// <summary>A number of items.</summary>
    public static implicit operator ListViewLimit(int count) => new(count, isAuto: false);

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out ListViewLimit value)
    {
        switch (node.GetValueKind())
        {
            case JsonValueKind.String when node.GetValue<string>() == "auto":
                value = Auto;
                return true;
            case JsonValueKind.Number when WidgetJson.GetDouble(node.AsValue()) is var d && d % 1 == 0:
                value = (int)d;
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <inheritdoc />
    public JsonNode ToJson() => _isAuto ? JsonValue.Create("auto") : JsonValue.Create(_count);

    /// <inheritdoc />
    public bool Equals(ListViewLimit other) => _isAuto == other._isAuto && _count == other._count;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ListViewLimit other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_isAuto, _count);

    /// <summary>Compares two limits.</summary>
    public static bool operator ==(ListViewLimit left, ListViewLimit right) => left.Equals(right);

    /// <summary>Compares two limits.</summary>
    public static bool operator !=(ListViewLimit left, ListViewLimit right) => !left.Equals(right);
}

/// <summary>Text <c>editable</c>: <c>false</c>, or the inline-editing options.</summary>
public readonly struct TextEditable : IWidgetValue<TextEditable>
{
    private readonly EditableProps? _props;

    private TextEditable(EditableProps? props) => _props = props;

    /// <summary>Not editable (<c>false</c> on the wire).</summary>
    public static TextEditable Off => default;

    /// <summary>The editing options; null when <c>false</c>.</summary>
    public EditableProps? Props => _props;

    /// <inheritdoc />
    public static string Description => "false or an editable-props object";

    /// <summary>Only <c>false</c> is allowed (pass <see cref="EditableProps"/> to enable editing).</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is true.</exception>
    public static implicit operator TextEditable(bool value) =>
        value ? throw new ArgumentException("'editable' takes false or EditableProps (with the field name), not true.", nameof(value)) : default;

    /// <summary>Editable with these options.</summary>
    public static implicit operator TextEditable(EditableProps value) => new(value ?? throw new ArgumentNullException(nameof(value)));

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out TextEditable value)
    {
        switch (node)
        {
            case JsonObject o:
                value = new TextEditable(new EditableProps(o));
                return true;
            case JsonValue v when v.GetValueKind() == JsonValueKind.False:
                value = default;
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <inheritdoc />
    public JsonNode ToJson() => _props?.Json ?? (JsonNode)JsonValue.Create(false);
}

/// <summary>Chart <c>xAxis</c>: the data key, or an axis configuration.</summary>
public readonly struct XAxisValue : IWidgetValue<XAxisValue>
{
    private readonly string? _dataKey;
    private readonly XAxisConfig? _config;

    private XAxisValue(string? dataKey, XAxisConfig? config)
    {
        _dataKey = dataKey;
        _config = config;
    }

    /// <summary>The data key when given as a string.</summary>
    public string? DataKey => _dataKey ?? _config?.DataKey;

    /// <summary>The configuration; null when given as a string.</summary>
    public XAxisConfig? Config => _config;

    /// <inheritdoc />
    public static string Description => "a data key string or an x-axis config object";

    /// <summary>The data key of the x axis.</summary>
    public static implicit operator XAxisValue(string dataKey) => new(dataKey ?? throw new ArgumentNullException(nameof(dataKey)), null);

    /// <summary>An x-axis configuration.</summary>
    public static implicit operator XAxisValue(XAxisConfig config) => new(null, config ?? throw new ArgumentNullException(nameof(config)));

    /// <inheritdoc />
    public static bool TryFromJson(JsonNode node, out XAxisValue value)
    {
        value = node switch
        {
            JsonObject o => new XAxisValue(null, new XAxisConfig(o)),
            JsonValue v when v.GetValueKind() == JsonValueKind.String => new XAxisValue(v.GetValue<string>(), null),
            _ => default,
        };
        return value._dataKey is not null || value._config is not null;
    }

    /// <inheritdoc />
    public JsonNode ToJson() => _config?.Json ?? (JsonNode)JsonValue.Create(_dataKey ?? string.Empty);
}
