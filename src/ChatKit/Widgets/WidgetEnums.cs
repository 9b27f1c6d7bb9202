using System.Text.Json.Serialization;

namespace ChatKit.Widgets;

/// <summary>Forces a light or dark theme for a subtree.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WidgetTheme>))]
public enum WidgetTheme
{
    /// <summary><c>light</c></summary>
    [JsonStringEnumMemberName("light")]
    Light,

    /// <summary><c>dark</c></summary>
    [JsonStringEnumMemberName("dark")]
    Dark,
}

/// <summary>Card width preset.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CardSize>))]
public enum CardSize
{
    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>full</c></summary>
    [JsonStringEnumMemberName("full")]
    Full,
}

/// <summary>Layout direction of a container.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlexDirection>))]
public enum FlexDirection
{
    /// <summary><c>row</c></summary>
    [JsonStringEnumMemberName("row")]
    Row,

    /// <summary><c>col</c></summary>
    [JsonStringEnumMemberName("col")]
    Col,
}

/// <summary>Cross-axis alignment of children.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Alignment>))]
public enum Alignment
{
    /// <summary><c>start</c></summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary><c>center</c></summary>
    [JsonStringEnumMemberName("center")]
    Center,

    /// <summary><c>end</c></summary>
    [JsonStringEnumMemberName("end")]
    End,

    /// <summary><c>baseline</c></summary>
    [JsonStringEnumMemberName("baseline")]
    Baseline,

    /// <summary><c>stretch</c></summary>
    [JsonStringEnumMemberName("stretch")]
    Stretch,
}

/// <summary>Main-axis distribution of children.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Justification>))]
public enum Justification
{
    /// <summary><c>start</c></summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary><c>center</c></summary>
    [JsonStringEnumMemberName("center")]
    Center,

    /// <summary><c>end</c></summary>
    [JsonStringEnumMemberName("end")]
    End,

    /// <summary><c>between</c></summary>
    [JsonStringEnumMemberName("between")]
    Between,

    /// <summary><c>around</c></summary>
    [JsonStringEnumMemberName("around")]
    Around,

    /// <summary><c>evenly</c></summary>
    [JsonStringEnumMemberName("evenly")]
    Evenly,

    /// <summary><c>stretch</c></summary>
    [JsonStringEnumMemberName("stretch")]
    Stretch,
}

/// <summary>Wrap behaviour of a flex container.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlexWrap>))]
public enum FlexWrap
{
    /// <summary><c>nowrap</c></summary>
    [JsonStringEnumMemberName("nowrap")]
    Nowrap,

    /// <summary><c>wrap</c></summary>
    [JsonStringEnumMemberName("wrap")]
    Wrap,

    /// <summary><c>wrap-reverse</c></summary>
    [JsonStringEnumMemberName("wrap-reverse")]
    WrapReverse,
}

/// <summary>Corner radius token (RadiusValue).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Radius>))]
public enum Radius
{
    /// <summary><c>2xs</c></summary>
    [JsonStringEnumMemberName("2xs")]
    TwoXs,

    /// <summary><c>xs</c></summary>
    [JsonStringEnumMemberName("xs")]
    Xs,

    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,

    /// <summary><c>2xl</c></summary>
    [JsonStringEnumMemberName("2xl")]
    TwoXl,

    /// <summary><c>3xl</c></summary>
    [JsonStringEnumMemberName("3xl")]
    ThreeXl,

    /// <summary><c>4xl</c></summary>
    [JsonStringEnumMemberName("4xl")]
    FourXl,

    /// <summary><c>full</c></summary>
    [JsonStringEnumMemberName("full")]
    Full,

    /// <summary><c>100%</c></summary>
    [JsonStringEnumMemberName("100%")]
    HundredPercent,

    /// <summary><c>none</c></summary>
    [JsonStringEnumMemberName("none")]
    None,
}

/// <summary>Horizontal text alignment.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextAlign>))]
public enum TextAlign
{
    /// <summary><c>start</c></summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary><c>center</c></summary>
    [JsonStringEnumMemberName("center")]
    Center,

    /// <summary><c>end</c></summary>
    [JsonStringEnumMemberName("end")]
    End,
}

/// <summary>Body text size.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TextSize>))]
public enum TextSize
{
    /// <summary><c>xs</c></summary>
    [JsonStringEnumMemberName("xs")]
    Xs,

    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,
}

/// <summary>Title text size.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TitleSize>))]
public enum TitleSize
{
    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,

    /// <summary><c>2xl</c></summary>
    [JsonStringEnumMemberName("2xl")]
    TwoXl,

    /// <summary><c>3xl</c></summary>
    [JsonStringEnumMemberName("3xl")]
    ThreeXl,

    /// <summary><c>4xl</c></summary>
    [JsonStringEnumMemberName("4xl")]
    FourXl,

    /// <summary><c>5xl</c></summary>
    [JsonStringEnumMemberName("5xl")]
    FiveXl,
}

/// <summary>Caption text size.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaptionSize>))]
public enum CaptionSize
{
    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,
}

/// <summary>Icon size.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IconSize>))]
public enum IconSize
{
    /// <summary><c>xs</c></summary>
    [JsonStringEnumMemberName("xs")]
    Xs,

    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,

    /// <summary><c>2xl</c></summary>
    [JsonStringEnumMemberName("2xl")]
    TwoXl,

    /// <summary><c>3xl</c></summary>
    [JsonStringEnumMemberName("3xl")]
    ThreeXl,
}

/// <summary>Font weight.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FontWeight>))]
public enum FontWeight
{
    /// <summary><c>normal</c></summary>
    [JsonStringEnumMemberName("normal")]
    Normal,

    /// <summary><c>medium</c></summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary><c>semibold</c></summary>
    [JsonStringEnumMemberName("semibold")]
    Semibold,

    /// <summary><c>bold</c></summary>
    [JsonStringEnumMemberName("bold")]
    Bold,
}

/// <summary>Badge colour.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BadgeColor>))]
public enum BadgeColor
{
    /// <summary><c>secondary</c></summary>
    [JsonStringEnumMemberName("secondary")]
    Secondary,

    /// <summary><c>success</c></summary>
    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary><c>danger</c></summary>
    [JsonStringEnumMemberName("danger")]
    Danger,

    /// <summary><c>warning</c></summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary><c>info</c></summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary><c>discovery</c></summary>
    [JsonStringEnumMemberName("discovery")]
    Discovery,
}

/// <summary>Badge style.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BadgeVariant>))]
public enum BadgeVariant
{
    /// <summary><c>solid</c></summary>
    [JsonStringEnumMemberName("solid")]
    Solid,

    /// <summary><c>soft</c></summary>
    [JsonStringEnumMemberName("soft")]
    Soft,

    /// <summary><c>outline</c></summary>
    [JsonStringEnumMemberName("outline")]
    Outline,
}

/// <summary>Badge size.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BadgeSize>))]
public enum BadgeSize
{
    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,
}

/// <summary>How an image fills its box (CSS object-fit).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImageFit>))]
public enum ImageFit
{
    /// <summary><c>cover</c></summary>
    [JsonStringEnumMemberName("cover")]
    Cover,

    /// <summary><c>contain</c></summary>
    [JsonStringEnumMemberName("contain")]
    Contain,

    /// <summary><c>fill</c></summary>
    [JsonStringEnumMemberName("fill")]
    Fill,

    /// <summary><c>scale-down</c></summary>
    [JsonStringEnumMemberName("scale-down")]
    ScaleDown,

    /// <summary><c>none</c></summary>
    [JsonStringEnumMemberName("none")]
    None,
}

/// <summary>Where an image sits in its box (CSS object-position).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImagePosition>))]
public enum ImagePosition
{
    /// <summary><c>top left</c></summary>
    [JsonStringEnumMemberName("top left")]
    TopLeft,

    /// <summary><c>top</c></summary>
    [JsonStringEnumMemberName("top")]
    Top,

    /// <summary><c>top right</c></summary>
    [JsonStringEnumMemberName("top right")]
    TopRight,

    /// <summary><c>left</c></summary>
    [JsonStringEnumMemberName("left")]
    Left,

    /// <summary><c>center</c></summary>
    [JsonStringEnumMemberName("center")]
    Center,

    /// <summary><c>right</c></summary>
    [JsonStringEnumMemberName("right")]
    Right,

    /// <summary><c>bottom left</c></summary>
    [JsonStringEnumMemberName("bottom left")]
    BottomLeft,

    /// <summary><c>bottom</c></summary>
    [JsonStringEnumMemberName("bottom")]
    Bottom,

    /// <summary><c>bottom right</c></summary>
    [JsonStringEnumMemberName("bottom right")]
    BottomRight,
}

/// <summary>Button style.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ButtonStyle>))]
public enum ButtonStyle
{
    /// <summary><c>primary</c></summary>
    [JsonStringEnumMemberName("primary")]
    Primary,

    /// <summary><c>secondary</c></summary>
    [JsonStringEnumMemberName("secondary")]
    Secondary,
}

/// <summary>Size of a button's icons.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ButtonIconSize>))]
public enum ButtonIconSize
{
    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,

    /// <summary><c>2xl</c></summary>
    [JsonStringEnumMemberName("2xl")]
    TwoXl,
}

/// <summary>Button colour.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ButtonColor>))]
public enum ButtonColor
{
    /// <summary><c>primary</c></summary>
    [JsonStringEnumMemberName("primary")]
    Primary,

    /// <summary><c>secondary</c></summary>
    [JsonStringEnumMemberName("secondary")]
    Secondary,

    /// <summary><c>info</c></summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary><c>discovery</c></summary>
    [JsonStringEnumMemberName("discovery")]
    Discovery,

    /// <summary><c>success</c></summary>
    [JsonStringEnumMemberName("success")]
    Success,

    /// <summary><c>caution</c></summary>
    [JsonStringEnumMemberName("caution")]
    Caution,

    /// <summary><c>warning</c></summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary><c>danger</c></summary>
    [JsonStringEnumMemberName("danger")]
    Danger,
}

/// <summary>Visual variant of buttons, selects and date pickers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControlVariant>))]
public enum ControlVariant
{
    /// <summary><c>solid</c></summary>
    [JsonStringEnumMemberName("solid")]
    Solid,

    /// <summary><c>soft</c></summary>
    [JsonStringEnumMemberName("soft")]
    Soft,

    /// <summary><c>outline</c></summary>
    [JsonStringEnumMemberName("outline")]
    Outline,

    /// <summary><c>ghost</c></summary>
    [JsonStringEnumMemberName("ghost")]
    Ghost,
}

/// <summary>Size of controls.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ControlSize>))]
public enum ControlSize
{
    /// <summary><c>3xs</c></summary>
    [JsonStringEnumMemberName("3xs")]
    ThreeXs,

    /// <summary><c>2xs</c></summary>
    [JsonStringEnumMemberName("2xs")]
    TwoXs,

    /// <summary><c>xs</c></summary>
    [JsonStringEnumMemberName("xs")]
    Xs,

    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,

    /// <summary><c>2xl</c></summary>
    [JsonStringEnumMemberName("2xl")]
    TwoXl,

    /// <summary><c>3xl</c></summary>
    [JsonStringEnumMemberName("3xl")]
    ThreeXl,
}

/// <summary>Type of an Input.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InputType>))]
public enum InputType
{
    /// <summary><c>number</c></summary>
    [JsonStringEnumMemberName("number")]
    Number,

    /// <summary><c>email</c></summary>
    [JsonStringEnumMemberName("email")]
    Email,

    /// <summary><c>text</c></summary>
    [JsonStringEnumMemberName("text")]
    Text,

    /// <summary><c>password</c></summary>
    [JsonStringEnumMemberName("password")]
    Password,

    /// <summary><c>tel</c></summary>
    [JsonStringEnumMemberName("tel")]
    Tel,

    /// <summary><c>url</c></summary>
    [JsonStringEnumMemberName("url")]
    Url,
}

/// <summary>Visual variant of inputs and text areas.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InputVariant>))]
public enum InputVariant
{
    /// <summary><c>soft</c></summary>
    [JsonStringEnumMemberName("soft")]
    Soft,

    /// <summary><c>outline</c></summary>
    [JsonStringEnumMemberName("outline")]
    Outline,
}

/// <summary>Horizontal gutter of inputs and text areas.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GutterSize>))]
public enum GutterSize
{
    /// <summary><c>2xs</c></summary>
    [JsonStringEnumMemberName("2xs")]
    TwoXs,

    /// <summary><c>xs</c></summary>
    [JsonStringEnumMemberName("xs")]
    Xs,

    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,
}

/// <summary>Side a DatePicker's calendar opens on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PopoverSide>))]
public enum PopoverSide
{
    /// <summary><c>top</c></summary>
    [JsonStringEnumMemberName("top")]
    Top,

    /// <summary><c>bottom</c></summary>
    [JsonStringEnumMemberName("bottom")]
    Bottom,

    /// <summary><c>left</c></summary>
    [JsonStringEnumMemberName("left")]
    Left,

    /// <summary><c>right</c></summary>
    [JsonStringEnumMemberName("right")]
    Right,
}

/// <summary>Alignment of a DatePicker's calendar.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PopoverAlign>))]
public enum PopoverAlign
{
    /// <summary><c>start</c></summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary><c>center</c></summary>
    [JsonStringEnumMemberName("center")]
    Center,

    /// <summary><c>end</c></summary>
    [JsonStringEnumMemberName("end")]
    End,
}

/// <summary>Border line style.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BorderStyle>))]
public enum BorderStyle
{
    /// <summary><c>solid</c></summary>
    [JsonStringEnumMemberName("solid")]
    Solid,

    /// <summary><c>dashed</c></summary>
    [JsonStringEnumMemberName("dashed")]
    Dashed,

    /// <summary><c>dotted</c></summary>
    [JsonStringEnumMemberName("dotted")]
    Dotted,

    /// <summary><c>double</c></summary>
    [JsonStringEnumMemberName("double")]
    Double,

    /// <summary><c>groove</c></summary>
    [JsonStringEnumMemberName("groove")]
    Groove,

    /// <summary><c>ridge</c></summary>
    [JsonStringEnumMemberName("ridge")]
    Ridge,

    /// <summary><c>inset</c></summary>
    [JsonStringEnumMemberName("inset")]
    Inset,

    /// <summary><c>outset</c></summary>
    [JsonStringEnumMemberName("outset")]
    Outset,
}

/// <summary>Interpolation of area and line chart series.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CurveType>))]
public enum CurveType
{
    /// <summary><c>basis</c></summary>
    [JsonStringEnumMemberName("basis")]
    Basis,

    /// <summary><c>basisClosed</c></summary>
    [JsonStringEnumMemberName("basisClosed")]
    BasisClosed,

    /// <summary><c>basisOpen</c></summary>
    [JsonStringEnumMemberName("basisOpen")]
    BasisOpen,

    /// <summary><c>bumpX</c></summary>
    [JsonStringEnumMemberName("bumpX")]
    BumpX,

    /// <summary><c>bumpY</c></summary>
    [JsonStringEnumMemberName("bumpY")]
    BumpY,

    /// <summary><c>bump</c></summary>
    [JsonStringEnumMemberName("bump")]
    Bump,

    /// <summary><c>linear</c></summary>
    [JsonStringEnumMemberName("linear")]
    Linear,

    /// <summary><c>linearClosed</c></summary>
    [JsonStringEnumMemberName("linearClosed")]
    LinearClosed,

    /// <summary><c>natural</c></summary>
    [JsonStringEnumMemberName("natural")]
    Natural,

    /// <summary><c>monotoneX</c></summary>
    [JsonStringEnumMemberName("monotoneX")]
    MonotoneX,

    /// <summary><c>monotoneY</c></summary>
    [JsonStringEnumMemberName("monotoneY")]
    MonotoneY,

    /// <summary><c>monotone</c></summary>
    [JsonStringEnumMemberName("monotone")]
    Monotone,

    /// <summary><c>step</c></summary>
    [JsonStringEnumMemberName("step")]
    Step,

    /// <summary><c>stepBefore</c></summary>
    [JsonStringEnumMemberName("stepBefore")]
    StepBefore,

    /// <summary><c>stepAfter</c></summary>
    [JsonStringEnumMemberName("stepAfter")]
    StepAfter,
}

/// <summary>Who handles an action.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionHandler>))]
public enum ActionHandler
{
    /// <summary>The server handles it (threads.custom_action or threads.sync_custom_action).</summary>
    [JsonStringEnumMemberName("server")]
    Server,

    /// <summary>The page's widgets.onAction handles it; nothing is sent to the server.</summary>
    [JsonStringEnumMemberName("client")]
    Client,
}

/// <summary>Loading state shown while an action is handled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActionLoadingBehavior>))]
public enum ActionLoadingBehavior
{
    /// <summary>Picked by binding (buttons: self, selects: none, card confirm: container).</summary>
    [JsonStringEnumMemberName("auto")]
    Auto,

    /// <summary>No loading state.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>The bound node shows loading.</summary>
    [JsonStringEnumMemberName("self")]
    Self,

    /// <summary>The whole widget fades and becomes inert.</summary>
    [JsonStringEnumMemberName("container")]
    Container,
}

/// <summary>Alignment inside a table cell.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TableCellAlign>))]
public enum TableCellAlign
{
    /// <summary><c>start</c></summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary><c>center</c></summary>
    [JsonStringEnumMemberName("center")]
    Center,

    /// <summary><c>end</c></summary>
    [JsonStringEnumMemberName("end")]
    End,
}

/// <summary>Width preset of a table column.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TableColumnSize>))]
public enum TableColumnSize
{
    /// <summary><c>xs</c></summary>
    [JsonStringEnumMemberName("xs")]
    Xs,

    /// <summary><c>sm</c></summary>
    [JsonStringEnumMemberName("sm")]
    Sm,

    /// <summary><c>md</c></summary>
    [JsonStringEnumMemberName("md")]
    Md,

    /// <summary><c>lg</c></summary>
    [JsonStringEnumMemberName("lg")]
    Lg,

    /// <summary><c>xl</c></summary>
    [JsonStringEnumMemberName("xl")]
    Xl,
}

/// <summary>Source-generated metadata for the widget enums (maps them to their wire strings without reflection).</summary>
[JsonSerializable(typeof(WidgetTheme))]
[JsonSerializable(typeof(CardSize))]
[JsonSerializable(typeof(FlexDirection))]
[JsonSerializable(typeof(Alignment))]
[JsonSerializable(typeof(Justification))]
[JsonSerializable(typeof(FlexWrap))]
[JsonSerializable(typeof(Radius))]
[JsonSerializable(typeof(TextAlign))]
[JsonSerializable(typeof(TextSize))]
[JsonSerializable(typeof(TitleSize))]
[JsonSerializable(typeof(CaptionSize))]
[JsonSerializable(typeof(IconSize))]
[JsonSerializable(typeof(FontWeight))]
[JsonSerializable(typeof(BadgeColor))]
[JsonSerializable(typeof(BadgeVariant))]
[JsonSerializable(typeof(BadgeSize))]
[JsonSerializable(typeof(ImageFit))]
[JsonSerializable(typeof(ImagePosition))]
[JsonSerializable(typeof(ButtonStyle))]
[JsonSerializable(typeof(ButtonIconSize))]
[JsonSerializable(typeof(ButtonColor))]
[JsonSerializable(typeof(ControlVariant))]
[JsonSerializable(typeof(ControlSize))]
[JsonSerializable(typeof(InputType))]
[JsonSerializable(typeof(InputVariant))]
[JsonSerializable(typeof(GutterSize))]
[JsonSerializable(typeof(PopoverSide))]
[JsonSerializable(typeof(PopoverAlign))]
[JsonSerializable(typeof(BorderStyle))]
[JsonSerializable(typeof(CurveType))]
[JsonSerializable(typeof(ActionHandler))]
[JsonSerializable(typeof(ActionLoadingBehavior))]
[JsonSerializable(typeof(TableCellAlign))]
[JsonSerializable(typeof(TableColumnSize))]
internal sealed partial class WidgetEnumJsonContext : JsonSerializerContext;
