using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ChatKit.Widgets;

// Required props are views over the JSON (no backing fields): constructors that wrap existing JSON set them all.
#pragma warning disable CS8618

/// <summary>Colours for the light and dark themes: <c>{"light": …, "dark": …}</c>.</summary>
public sealed class ThemeColor : WidgetObject
{
    /// <summary>Creates an empty theme colour (set both colours).</summary>
    public ThemeColor()
        : base([])
    {
    }

    /// <summary>Creates a theme colour.</summary>
    [SetsRequiredMembers]
    public ThemeColor(string light, string dark)
        : base([])
    {
        Light = light;
        Dark = dark;
    }

    [SetsRequiredMembers]
    internal ThemeColor(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Colour in the light theme.</summary>
    public required string Light { get => GetRequiredString("light"); set => SetString("light", NotNull(value, nameof(Light))); }

    /// <summary>Colour in the dark theme.</summary>
    public required string Dark { get => GetRequiredString("dark"); set => SetString("dark", NotNull(value, nameof(Dark))); }
}

/// <summary>Per-side spacing: <c>{top?, right?, bottom?, left?, x?, y?}</c>, each a number or CSS string.</summary>
public sealed class Spacing : WidgetObject
{
    /// <summary>Creates empty spacing.</summary>
    public Spacing()
        : base([])
    {
    }

    internal Spacing(JsonObject json)
        : base(json)
    {
    }

#pragma warning disable CS1591 // Side names document themselves.
    public NumberOrString? Top { get => GetValue<NumberOrString>("top"); set => SetValue("top", value); }

    public NumberOrString? Right { get => GetValue<NumberOrString>("right"); set => SetValue("right", value); }

    public NumberOrString? Bottom { get => GetValue<NumberOrString>("bottom"); set => SetValue("bottom", value); }

    public NumberOrString? Left { get => GetValue<NumberOrString>("left"); set => SetValue("left", value); }

    /// <summary>Left and right.</summary>
    public NumberOrString? X { get => GetValue<NumberOrString>("x"); set => SetValue("x", value); }

    /// <summary>Top and bottom.</summary>
    public NumberOrString? Y { get => GetValue<NumberOrString>("y"); set => SetValue("y", value); }
#pragma warning restore CS1591
}

/// <summary>A border: <c>{size, color?, style?}</c>.</summary>
public sealed class Border : WidgetObject
{
    /// <summary>Creates a border (set <see cref="Size"/>).</summary>
    public Border()
        : base([])
    {
    }

    [SetsRequiredMembers]
    internal Border(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Thickness in px.</summary>
    public required int Size { get => GetInt("size") ?? throw WrongShape("size", "an integer"); set => SetInt("size", value); }

    /// <summary>Colour: border tokens <c>default</c>, <c>subtle</c>, <c>strong</c>, primitives, CSS, or a theme colour.</summary>
    public ColorValue? Color { get => GetValue<ColorValue>("color"); set => SetValue("color", value); }

    /// <summary>Line style.</summary>
    public BorderStyle? Style { get => GetEnum<BorderStyle>("style"); set => SetEnum("style", value); }
}

/// <summary>Per-edge borders: <c>{top?, right?, bottom?, left?, x?, y?}</c>, each a width or a <see cref="Border"/>.</summary>
public sealed class Borders : WidgetObject
{
    /// <summary>Creates empty borders.</summary>
    public Borders()
        : base([])
    {
    }

    internal Borders(JsonObject json)
        : base(json)
    {
    }

#pragma warning disable CS1591 // Edge names document themselves.
    public BorderEdge? Top { get => GetValue<BorderEdge>("top"); set => SetValue("top", value); }

    public BorderEdge? Right { get => GetValue<BorderEdge>("right"); set => SetValue("right", value); }

    public BorderEdge? Bottom { get => GetValue<BorderEdge>("bottom"); set => SetValue("bottom", value); }

    public BorderEdge? Left { get => GetValue<BorderEdge>("left"); set => SetValue("left", value); }

    /// <summary>Left and right.</summary>
    public BorderEdge? X { get => GetValue<BorderEdge>("x"); set => SetValue("x", value); }

    /// <summary>Top and bottom.</summary>
    public BorderEdge? Y { get => GetValue<BorderEdge>("y"); set => SetValue("y", value); }
#pragma warning restore CS1591
}

/// <summary>
/// The status header above a Card or ListView: <c>{text, favicon?, frame?}</c> or <c>{text, icon?}</c>
/// (set either <see cref="Favicon"/>/<see cref="Frame"/> or <see cref="Icon"/>).
/// </summary>
public sealed class WidgetStatus : WidgetObject
{
    /// <summary>Creates a status (set <see cref="Text"/>).</summary>
    public WidgetStatus()
        : base([])
    {
    }

    [SetsRequiredMembers]
    internal WidgetStatus(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Status text.</summary>
    public required string Text { get => GetRequiredString("text"); set => SetString("text", NotNull(value, nameof(Text))); }

    /// <summary>URL of a favicon shown before the text.</summary>
    public string? Favicon { get => GetString("favicon"); set => SetString("favicon", value); }

    /// <summary>Frame the favicon for contrast.</summary>
    public bool? Frame { get => GetBool("frame"); set => SetBool("frame", value); }

    /// <summary>Icon shown before the text.</summary>
    public IconName? Icon { get => GetIcon("icon"); set => SetIcon("icon", value); }
}

/// <summary>A Card footer button: <c>{label, action}</c>.</summary>
public sealed class CardAction : WidgetObject
{
    /// <summary>Creates a card action (set <see cref="Label"/> and <see cref="Action"/>).</summary>
    public CardAction()
        : base([])
    {
    }

    /// <summary>Creates a card action.</summary>
    [SetsRequiredMembers]
    public CardAction(string label, ActionConfig action)
        : base([])
    {
        Label = label;
        Action = action;
    }

    [SetsRequiredMembers]
    internal CardAction(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Button label.</summary>
    public required string Label { get => GetRequiredString("label"); set => SetString("label", NotNull(value, nameof(Label))); }

    /// <summary>Action fired by the button.</summary>
    public required ActionConfig Action
    {
        get => GetObject("action", static o => new ActionConfig(o)) ?? throw new InvalidOperationException("Widget prop 'CardAction.action' is required but missing.");
        set => SetObject("action", NotNull(value, nameof(Action)));
    }
}

/// <summary>Inline-editing options of a Text: <c>{name, autoFocus?, autoSelect?, autoComplete?, …}</c>.</summary>
public sealed class EditableProps : WidgetObject
{
    /// <summary>Creates options (set <see cref="Name"/>).</summary>
    public EditableProps()
        : base([])
    {
    }

    [SetsRequiredMembers]
    internal EditableProps(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Form field name the edited text is submitted under.</summary>
    public required string Name { get => GetRequiredString("name"); set => SetString("name", NotNull(value, nameof(Name))); }

    /// <summary>Focus the input when it appears.</summary>
    public bool? AutoFocus { get => GetBool("autoFocus"); set => SetBool("autoFocus", value); }

    /// <summary>Select all text on focus.</summary>
    public bool? AutoSelect { get => GetBool("autoSelect"); set => SetBool("autoSelect", value); }

    /// <summary>Native autocomplete hint.</summary>
    public string? AutoComplete { get => GetString("autoComplete"); set => SetString("autoComplete", value); }

    /// <summary>Allow password-manager and autofill extensions.</summary>
    public bool? AllowAutofillExtensions { get => GetBool("allowAutofillExtensions"); set => SetBool("allowAutofillExtensions", value); }

    /// <summary>Validation regex.</summary>
    public string? Pattern { get => GetString("pattern"); set => SetString("pattern", value); }

    /// <summary>Placeholder text.</summary>
    public string? Placeholder { get => GetString("placeholder"); set => SetString("placeholder", value); }

    /// <summary>Required for form submission.</summary>
    public bool? Required { get => GetBool("required"); set => SetBool("required", value); }
}

/// <summary>An option of a Select: <c>{value, label, disabled?, description?}</c>.</summary>
public sealed class SelectOption : WidgetObject
{
    /// <summary>Creates an option (set <see cref="Value"/> and <see cref="Label"/>).</summary>
    public SelectOption()
        : base([])
    {
    }

    /// <summary>Creates an option.</summary>
    [SetsRequiredMembers]
    public SelectOption(string value, string label)
        : base([])
    {
        Value = value;
        Label = label;
    }

    [SetsRequiredMembers]
    internal SelectOption(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Submitted value.</summary>
    public required string Value { get => GetRequiredString("value"); set => SetString("value", NotNull(value, nameof(Value))); }

    /// <summary>Displayed label.</summary>
    public required string Label { get => GetRequiredString("label"); set => SetString("label", NotNull(value, nameof(Label))); }

    /// <summary>Not selectable (reference only).</summary>
    public bool? Disabled { get => GetBool("disabled"); set => SetBool("disabled", value); }

    /// <summary>Secondary text (reference only).</summary>
    public string? Description { get => GetString("description"); set => SetString("description", value); }
}

/// <summary>An option of a RadioGroup: <c>{label, value, disabled?}</c>.</summary>
public sealed class RadioOption : WidgetObject
{
    /// <summary>Creates an option (set <see cref="Value"/> and <see cref="Label"/>).</summary>
    public RadioOption()
        : base([])
    {
    }

    /// <summary>Creates an option.</summary>
    [SetsRequiredMembers]
    public RadioOption(string value, string label)
        : base([])
    {
        Label = label;
        Value = value;
    }

    [SetsRequiredMembers]
    internal RadioOption(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Displayed label.</summary>
    public required string Label { get => GetRequiredString("label"); set => SetString("label", NotNull(value, nameof(Label))); }

    /// <summary>Submitted value.</summary>
    public required string Value { get => GetRequiredString("value"); set => SetString("value", NotNull(value, nameof(Value))); }

    /// <summary>Not selectable.</summary>
    public bool? Disabled { get => GetBool("disabled"); set => SetBool("disabled", value); }
}

/// <summary>Chart x-axis configuration: <c>{dataKey, hide?, labels?}</c>.</summary>
public sealed class XAxisConfig : WidgetObject
{
    /// <summary>Creates a configuration (set <see cref="DataKey"/>).</summary>
    public XAxisConfig()
        : base([])
    {
    }

    [SetsRequiredMembers]
    internal XAxisConfig(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Field of each data row used for the categories.</summary>
    public required string DataKey { get => GetRequiredString("dataKey"); set => SetString("dataKey", NotNull(value, nameof(DataKey))); }

    /// <summary>Hide the axis.</summary>
    public bool? Hide { get => GetBool("hide"); set => SetBool("hide", value); }

    /// <summary>Display labels by tick value.</summary>
    public JsonObject? Labels
    {
        get => Json["labels"] as JsonObject;
        set => this["labels"] = value;
    }
}

/// <summary>A chart series (<c>bar</c>, <c>area</c> or <c>line</c>, by its <c>type</c>). Unknown series types read as this base type.</summary>
public class ChartSeries : WidgetObject
{
    private protected ChartSeries(string type)
        : base(new JsonObject { ["type"] = type })
    {
    }

    [SetsRequiredMembers]
    private protected ChartSeries(JsonObject json)
        : base(json)
    {
    }

    /// <summary>The series type (<c>bar</c>, <c>area</c>, <c>line</c>).</summary>
    public string Type => GetString("type") ?? string.Empty;

    /// <summary>Legend label.</summary>
    public string? Label { get => GetString("label"); set => SetString("label", value); }

    /// <summary>Field of each data row holding the value.</summary>
    public required string DataKey { get => GetRequiredString("dataKey"); set => SetString("dataKey", NotNull(value, nameof(DataKey))); }

    /// <summary>Colour: chart tokens (<c>blue</c>, <c>purple</c>, …), primitives, CSS, or a theme colour.</summary>
    public ColorValue? Color { get => GetValue<ColorValue>("color"); set => SetValue("color", value); }

    /// <summary>Wraps a series object as its typed view.</summary>
    public static ChartSeries FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return (json["type"] as JsonValue)?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? json["type"]!.GetValue<string>() switch
            {
                "bar" => new BarSeries(json),
                "area" => new AreaSeries(json),
                "line" => new LineSeries(json),
                _ => new ChartSeries(json),
            }
            : new ChartSeries(json);
    }

    private protected override void SetNode(string name, JsonNode? value)
    {
        if (name == "type")
        {
            throw new InvalidOperationException("A series' 'type' is fixed by its class.");
        }

        base.SetNode(name, value);
    }
}

/// <summary>A bar series; series sharing a <see cref="Stack"/> id stack.</summary>
public sealed class BarSeries : ChartSeries
{
    /// <summary>Creates a bar series (set <see cref="ChartSeries.DataKey"/>).</summary>
    public BarSeries()
        : base("bar")
    {
    }

    [SetsRequiredMembers]
    internal BarSeries(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Stack group id.</summary>
    public string? Stack { get => GetString("stack"); set => SetString("stack", value); }
}

/// <summary>An area series; stackable, with a curve type.</summary>
public sealed class AreaSeries : ChartSeries
{
    /// <summary>Creates an area series (set <see cref="ChartSeries.DataKey"/>).</summary>
    public AreaSeries()
        : base("area")
    {
    }

    [SetsRequiredMembers]
    internal AreaSeries(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Stack group id.</summary>
    public string? Stack { get => GetString("stack"); set => SetString("stack", value); }

    /// <summary>Interpolation curve.</summary>
    public CurveType? CurveType { get => GetEnum<CurveType>("curveType"); set => SetEnum("curveType", value); }
}

/// <summary>A line series with a curve type.</summary>
public sealed class LineSeries : ChartSeries
{
    /// <summary>Creates a line series (set <see cref="ChartSeries.DataKey"/>).</summary>
    public LineSeries()
        : base("line")
    {
    }

    [SetsRequiredMembers]
    internal LineSeries(JsonObject json)
        : base(json)
    {
    }

    /// <summary>Interpolation curve.</summary>
    public CurveType? CurveType { get => GetEnum<CurveType>("curveType"); set => SetEnum("curveType", value); }
}
