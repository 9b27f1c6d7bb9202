# Generates src/ChatKit/Widgets/Components.g.cs (components) and WidgetEnums.g.cs (their enums) from compact
# descriptions of docs/widgets.md section 7.
SIZES = [("height","Explicit height; px or CSS."),("width","Explicit width; px or CSS."),("size","Sets width and height; px or CSS."),
         ("minHeight","Minimum height."),("minWidth","Minimum width."),("minSize","Sets minWidth and minHeight."),
         ("maxHeight","Maximum height."),("maxWidth","Maximum width."),("maxSize","Sets maxWidth and maxHeight.")]
def sizes(): return [("ns",n,d) for n,d in SIZES]
BOX = [("children","children","Child components."),("enum:Alignment","align","Cross-axis alignment of children."),
       ("enum:Justification","justify","Main-axis distribution of children."),("enum:FlexWrap","wrap","Wrap behaviour."),
       ("ns","flex","Flex grow/shrink factor."),("ns","gap","Gap between children; spacing units or CSS.")] + sizes() + [
       ("spacing","padding","Inner spacing."),("spacing","margin","Outer spacing."),("border","border","Border width, style, or per-edge borders."),
       ("enum:Radius","radius","Corner radius."),("color","background","Background: surface tokens, primitives, CSS, or a theme colour."),
       ("ns","aspectRatio","Aspect ratio, e.g. 1.777 or \"16/9\".")]
TEXTCOLOR = "Colour: text tokens (prose, primary, emphasis, secondary, tertiary, success, warning, danger), primitives, CSS, or a theme colour."
C = [
 # name, wire type, base, doc, props
 ("Card","Card","root","A root for self-contained content: summaries, confirmations, forms. Supports footer actions and <c>asForm</c>.",[
   ("children!","children","Child components."),("bool","asForm","Treat the card as a form; <c>confirm</c> submits the collected fields."),
   ("color","background","Background: surface tokens (surface, surface-secondary, …), primitives, CSS, or a theme colour."),
   ("enum:CardSize","size","Card width preset."),("spacing","padding","Inner spacing."),
   ("border","border","Border (ChatKit.js 1.7+)."),("status","status","Status header above the card."),
   ("bool","collapsed","Collapse the body once the main action completed."),("cardaction","confirm","Primary footer button."),
   ("cardaction","cancel","Secondary footer button."),("enum:WidgetTheme","theme","Force a light or dark theme.")]),
 ("ListView","ListView","root","A root listing rows (<see cref=\"ListViewItem\"/> only) with built-in \"show more\".",[
   ("lvchildren!","children","The rows."),("limit","limit","Rows shown before \"Show more\"."),
   ("status","status","Status header above the list."),("enum:WidgetTheme","theme","Force a light or dark theme.")]),
 ("ListViewItem","ListViewItem","component","A row of a <see cref=\"ListView\"/> (only valid directly inside one).",[
   ("children!","children","Row content."),("action","onClickAction","Fired when the row is clicked."),
   ("ns","gap","Gap between children."),("enum:Alignment","align","Vertical alignment of the content.")]),
 ("Basic","Basic","root","A minimal root, intended for entity previews (also allowed in threads).",[
   ("children!","children","Child components."),("enum:WidgetTheme","theme","Force a light or dark theme."),
   ("enum:FlexDirection","direction","Layout direction."),("ns","gap","Gap between children."),("spacing","padding","Inner spacing."),
   ("enum:Alignment","align","Cross-axis alignment."),("enum:Justification","justify","Main-axis distribution.")]),
 ("Box","Box","box","A flex container.",[("enum:FlexDirection","direction","Layout direction.")]),
 ("Row","Row","box","A horizontal flex container.",[]),
 ("Col","Col","box","A vertical flex container.",[]),
 ("Form","Form","box","A container whose controls' values are merged into the payload of actions fired inside it (see <see cref=\"FormValues\"/>).",[
   ("action","onSubmitAction","Fired on submit (e.g. by a <c>submit</c> button)."),("enum:FlexDirection","direction","Layout direction.")]),
 ("Spacer","Spacer","component","Flexible empty space.",[("ns","minSize","Minimum size.")]),
 ("Divider","Divider","component","A separator line.",[
   ("color","color","Colour: border tokens (default, subtle, strong), primitives, CSS, or a theme colour."),
   ("ns","size","Line thickness."),("ns","spacing","Space above and below."),("bool","flush","Extend to the container edges.")]),
 ("Transition","Transition","component","Animates layout changes of its single child.",[("child!","children","The animated child.")]),
 ("Text","Text","text","Plain text with typography controls; streams incrementally when it has an id (see <see cref=\"WidgetDiff\"/>).",[
   ("str!","value","The text."),("bool","streaming","Streaming-friendly transitions; true while text is arriving."),
   ("bool","italic","Italic."),("bool","lineThrough","Strike-through."),("color","color",TEXTCOLOR),
   ("enum:FontWeight","weight","Font weight."),("ns","width","Width; px or CSS."),("enum:TextSize","size","Text size."),
   ("enum:TextAlign","textAlign","Horizontal alignment."),("bool","truncate","Truncate with an ellipsis."),
   ("int","minLines","Reserve space for this many lines."),("int","maxLines","Clamp to this many lines."),
   ("editable","editable","Inline editing (the field joins enclosing forms under its name), or false.")]),
 ("Title","Title","component","A headline.",[
   ("str!","value","The text."),("color","color",TEXTCOLOR),("enum:FontWeight","weight","Font weight."),
   ("enum:TitleSize","size","Title size."),("enum:TextAlign","textAlign","Horizontal alignment."),
   ("bool","truncate","Truncate with an ellipsis."),("int","maxLines","Clamp to this many lines.")]),
 ("Caption","Caption","component","Supporting small text.",[
   ("str!","value","The text."),("color","color",TEXTCOLOR),("enum:FontWeight","weight","Font weight."),
   ("enum:CaptionSize","size","Caption size."),("enum:TextAlign","textAlign","Horizontal alignment."),
   ("bool","truncate","Truncate with an ellipsis."),("int","maxLines","Clamp to this many lines.")]),
 ("Markdown","Markdown","text","Rendered Markdown; streams incrementally when it has an id (see <see cref=\"WidgetDiff\"/>).",[
   ("str!","value","Markdown source."),("bool","streaming","Streaming-friendly transitions; true while text is arriving.")]),
 ("Label","Label","component","A form label.",[
   ("str!","value","The text."),("str!","fieldName","<c>name</c> of the labelled control."),("enum:TextSize","size","Text size."),
   ("enum:FontWeight","weight","Font weight."),("enum:TextAlign","textAlign","Horizontal alignment."),("color","color",TEXTCOLOR)]),
 ("Badge","Badge","component","A small status or category badge.",[
   ("str!","label","The text."),("enum:BadgeColor","color","Colour."),("enum:BadgeVariant","variant","Style."),
   ("enum:BadgeSize","size","Size."),("bool","pill","Fully rounded.")]),
 ("Icon","Icon","component","An icon.",[
   ("icon!","name","The icon (built-in, <c>vendor:</c> or <c>lucide:</c>)."),("color","color",TEXTCOLOR),("enum:IconSize","size","Size.")]),
 ("Image","Image","component","An image.",[
   ("str!","src","Image URL."),("str","alt","Alternative text."),("enum:ImageFit","fit","How the image fills its box."),
   ("enum:ImagePosition","position","Where the image sits in its box."),("enum:Radius","radius","Corner radius."),
   ("bool","frame","Draw a frame."),("bool","flush","Extend to the container edges.")] + sizes() + [
   ("spacing","margin","Outer spacing."),("color","background","Background (reference only)."),
   ("ns","aspectRatio","Aspect ratio."),("ns","flex","Flex grow/shrink factor (reference only).")]),
 ("Chart","Chart","component","A bar/area/line chart (reference model; passed through to the client as-is).",[
   ("data!","data","Rows mapping field name to a string or number."),("series!","series","Series to plot."),
   ("xaxis!","xAxis","X-axis data key or configuration."),("bool","showYAxis","Show the Y axis."),
   ("bool","showLegend","Show a legend."),("bool","showTooltip","Show tooltips."),("int","barGap","Gap between bars of a category (px)."),
   ("int","barCategoryGap","Gap between bar categories (px)."),("ns","flex","Flex grow/shrink factor.")] + sizes() + [
   ("ns","aspectRatio","Aspect ratio of the plot area.")]),
 ("Table","Table","component","A table (ChatKit.js 1.7+).",[("rowchildren","children","The rows.")]),
 ("TableRow","Table.Row","component","A table row (<c>Table.Row</c>).",[("cellchildren","children","The cells."),("bool","header","Header row.")]),
 ("TableCell","Table.Cell","component","A table cell (<c>Table.Cell</c>).",[
   ("children","children","Cell content."),("ns","width","Width; px or CSS."),("spacing","padding","Inner spacing."),
   ("int","colSpan","Columns spanned."),("int","rowSpan","Rows spanned."),("enum:TableCellAlign","align","Horizontal alignment."),
   ("enum:TableCellAlign","vAlign","Vertical alignment."),("enum:TableColumnSize","colSize","Column width preset.")]),
 ("Button","Button","component","A button.",[
   ("bool","submit","Submit the nearest form."),("str","label","The text."),("action","onClickAction","Fired on click."),
   ("icon","iconStart","Icon before the label."),("icon","iconEnd","Icon after the label."),("enum:ButtonStyle","style","Style."),
   ("enum:ButtonIconSize","iconSize","Icon size."),("enum:ButtonColor","color","Colour."),("enum:ControlVariant","variant","Variant."),
   ("enum:ControlSize","size","Size."),("bool","pill","Fully rounded."),("bool","uniform","Equal width and height."),
   ("bool","block","Full width."),("bool","disabled","Disabled.")]),
 ("Input","Input","component","A single-line text field.",[
   ("str!","name","Form field name."),("enum:InputType","inputType","Input type."),("str","defaultValue","Initial value."),
   ("str","pattern","Validation regex."),("str","placeholder","Placeholder."),("bool","required","Required for submission."),
   ("bool","allowAutofillExtensions","Allow autofill extensions."),("bool","autoSelect","Select the content on focus."),
   ("bool","autoFocus","Focus on mount."),("bool","disabled","Disabled."),("bool","pill","Fully rounded."),
   ("enum:InputVariant","variant","Variant."),("enum:ControlSize","size","Size."),("enum:GutterSize","gutterSize","Horizontal gutter.")]),
 ("Textarea","Textarea","component","A multi-line text field.",[
   ("str!","name","Form field name."),("str","defaultValue","Initial value."),("str","pattern","Validation regex."),
   ("str","placeholder","Placeholder."),("bool","required","Required for submission."),("bool","autoSelect","Select the content on focus."),
   ("bool","autoFocus","Focus on mount."),("bool","disabled","Disabled."),("bool","autoResize","Grow and shrink with the content."),
   ("bool","allowAutofillExtensions","Allow autofill extensions."),("enum:InputVariant","variant","Variant."),
   ("enum:ControlSize","size","Size."),("enum:GutterSize","gutterSize","Horizontal gutter."),("int","rows","Initial visible rows."),
   ("int","maxRows","Maximum rows when auto-resizing.")]),
 ("Select","Select","component","A drop-down.",[
   ("str!","name","Form field name."),("selectoptions!","options","The options."),("action","onChangeAction","Fired when the value changes."),
   ("str","placeholder","Placeholder."),("str","defaultValue","Initially selected value."),("enum:ControlVariant","variant","Variant."),
   ("enum:ControlSize","size","Size."),("bool","pill","Fully rounded."),("bool","block","Full width."),
   ("bool","clearable","Offer a clear button."),("bool","disabled","Disabled."),
   ("bool","searchable","Searchable (reference only; default: above 15 options).")]),
 ("DatePicker","DatePicker","component","A date picker; values are ISO 8601 datetime strings.",[
   ("str!","name","Form field name."),("action","onChangeAction","Fired when the value changes."),("str","placeholder","Placeholder."),
   ("str","defaultValue","Initial value (ISO 8601)."),("str","min","Earliest selectable date (ISO 8601)."),
   ("str","max","Latest selectable date (ISO 8601)."),("enum:ControlVariant","variant","Variant."),("enum:ControlSize","size","Size."),
   ("enum:PopoverSide","side","Side the calendar opens on."),("enum:PopoverAlign","align","Alignment of the calendar."),
   ("bool","pill","Fully rounded."),("bool","block","Full width."),("bool","clearable","Offer a clear button."),("bool","disabled","Disabled.")]),
 ("Checkbox","Checkbox","component","A checkbox.",[
   ("str!","name","Form field name."),("str","label","Label."),("bool","defaultChecked","Initially checked."),
   ("action","onChangeAction","Fired when toggled."),("bool","disabled","Disabled."),("bool","required","Required for submission.")]),
 ("RadioGroup","RadioGroup","component","A group of radio buttons.",[
   ("str!","name","Form field name."),("radiooptions","options","The options."),("str","ariaLabel","Accessible label (defaults to the name)."),
   ("action","onChangeAction","Fired when the selection changes."),("str","defaultValue","Initially selected value."),
   ("enum:FlexDirection","direction","Layout direction."),("bool","disabled","Disabled."),("bool","required","Required for submission.")]),
]

def pascal(n): return n[0].upper()+n[1:]
RESERVED = {"Type","Id","Key","Json"}
def prop(kind, wire, doc, owner):
    req = kind.endswith("!")
    k = kind.rstrip("!")
    name = pascal(wire)
    if wire == "children" and k == "child": name = "Child"
    lines = [f"    /// <summary>{doc}</summary>"]
    r = "required " if req else ""
    missing = f'throw Missing("{wire}")'
    if k == "str":
        if req: lines.append(f'    public required string {name} {{ get => GetRequiredString("{wire}"); set => SetString("{wire}", NotNull(value, nameof({name}))); }}')
        else: lines.append(f'    public string? {name} {{ get => GetString("{wire}"); set => SetString("{wire}", value); }}')
    elif k == "bool": lines.append(f'    public bool? {name} {{ get => GetBool("{wire}"); set => SetBool("{wire}", value); }}')
    elif k == "int": lines.append(f'    public int? {name} {{ get => GetInt("{wire}"); set => SetInt("{wire}", value); }}')
    elif k.startswith("enum:"):
        t = k[5:]
        lines.append(f'    public {t}? {name} {{ get => GetEnum<{t}>("{wire}"); set => SetEnum("{wire}", value); }}')
    elif k in ("ns","color","spacing","border","limit","editable","xaxis"):
        t = {"ns":"NumberOrString","color":"ColorValue","spacing":"SpacingValue","border":"BorderValue","limit":"ListViewLimit","editable":"TextEditable","xaxis":"XAxisValue"}[k]
        if req: lines.append(f'    public required {t} {name} {{ get => GetValue<{t}>("{wire}") ?? {missing}; set => SetValue<{t}>("{wire}", value); }}')
        else: lines.append(f'    public {t}? {name} {{ get => GetValue<{t}>("{wire}"); set => SetValue("{wire}", value); }}')
    elif k == "icon":
        if req: lines.append(f'    public required IconName {name} {{ get => GetIcon("{wire}") ?? {missing}; set => SetIcon("{wire}", value); }}')
        else: lines.append(f'    public IconName? {name} {{ get => GetIcon("{wire}"); set => SetIcon("{wire}", value); }}')
    elif k in ("action","status","cardaction"):
        t = {"action":"ActionConfig","status":"WidgetStatus","cardaction":"CardAction"}[k]
        lines.append(f'    public {t}? {name} {{ get => GetObject("{wire}", static o => new {t}(o)); set => SetObject("{wire}", value); }}')
    elif k == "child":
        lines.append(f'    public required WidgetComponent {name}')
        lines.append("    {")
        lines.append(f'        get => GetObject("{wire}", FromJson) ?? {missing};')
        lines.append(f'        set {{ NotListViewItem(NotNull(value, nameof({name}))); SetObject("{wire}", value); }}')
        lines.append("    }")
    else:
        t, wrap, unwrap, validate = {
            "children": ("WidgetComponent","WrapComponent","static c => c.Json","NotListViewItem"),
            "lvchildren": ("ListViewItem","Wrap<ListViewItem>","static c => c.Json","null"),
            "rowchildren": ("TableRow","Wrap<TableRow>","static c => c.Json","null"),
            "cellchildren": ("TableCell","Wrap<TableCell>","static c => c.Json","null"),
            "series": ("ChartSeries","static n => ChartSeries.FromJson(AsObject(n, \"series\"))","static s => s.Json","null"),
            "data": ("JsonObject","static n => AsObject(n, \"data\")","static o => o","null"),
            "selectoptions": ("SelectOption","static n => new SelectOption(AsObject(n, \"options\"))","static o => o.Json","null"),
            "radiooptions": ("RadioOption","static n => new RadioOption(AsObject(n, \"options\"))","static o => o.Json","null"),
        }[k]
        v = "" if validate == "null" else f", {validate}"
        if not req: lines.insert(1, "    [AllowNull]")
        lines.append(f'    public {r}IList<{t}> {name}')
        lines.append("    {")
        lines.append(f'        get => GetList("{wire}", {wrap}, {unwrap}{v});')
        lines.append(f'        set => SetList("{wire}", value, {unwrap}{v});')
        lines.append("    }")
    return "\n".join(lines)

out = ["// <auto-generated> by Tools/gen_components.py from docs/widgets.md section 7; edit the generator, not this file. </auto-generated>",
       "#nullable enable","// Required props are views over the JSON (no backing fields): constructors that wrap existing JSON set them all.","#pragma warning disable CS8618","using System.Diagnostics.CodeAnalysis;","using System.Text.Json.Nodes;","","namespace ChatKit.Widgets;",""]
boxprops = BOX
for name, wire, base, doc, props in C:
    b = {"root":"WidgetRoot","component":"WidgetComponent","box":"BoxBase","text":"WidgetComponent, IStreamingText"}[base]
    out.append(f"/// <summary>{doc}</summary>")
    out.append(f"public sealed class {name} : {b}")
    out.append("{")
    out.append(f'    /// <summary>The wire <c>type</c>: <c>{wire}</c>.</summary>')
    out.append(f'    public const string TypeName = "{wire}";')
    out.append("")
    out.append(f"    /// <summary>Creates an empty <c>{wire}</c> (set the required props).</summary>")
    out.append(f"    public {name}()")
    out.append("        : base(TypeName)")
    out.append("    {")
    out.append("    }")
    out.append("")
    out.append("    [SetsRequiredMembers]")
    out.append(f"    internal {name}(JsonObject json)")
    out.append("        : base(json)")
    out.append("    {")
    out.append("    }")
    for kind, wire_, d in props:
        out.append("")
        out.append(prop(kind, wire_, d, name))
    out.append("}")
    out.append("")

# BoxBase
out.append("/// <summary>Props shared by <see cref=\"Box\"/>, <see cref=\"Row\"/>, <see cref=\"Col\"/> and <see cref=\"Form\"/>.</summary>")
out.append("public abstract class BoxBase : WidgetComponent")
out.append("{")
out.append("    private protected BoxBase(string type)\n        : base(type)\n    {\n    }\n")
out.append("    private protected BoxBase(JsonObject json)\n        : base(json)\n    {\n    }")
for kind, wire_, d in BOX:
    out.append("")
    out.append(prop(kind, wire_, d, "BoxBase"))
out.append("}")
out.append("")
# registry
out.append("public partial class WidgetComponent")
out.append("{")
out.append("    private static WidgetComponent Wrap(JsonObject json, string type) =>")
out.append("        type switch")
out.append("        {")
for name, wire, base, doc, props in C:
    out.append(f'            {name}.TypeName => new {name}(json),')
out.append("            _ => WidgetRoot.IsRootType(type) ? new WidgetRoot(json) : new WidgetComponent(json),")
out.append("        };")
out.append("}")
open(__import__("os").path.join(__import__("os").path.dirname(__file__), "..", "Components.g.cs"),"w").write("\n".join(out)+"\n")
# Widget enums: name, doc, wire values. A value is "wire" (member name derived from it, doc <c>wire</c>) or
# ("wire", "doc") when the member deserves a sentence. Generates WidgetEnums.g.cs.
ENUMS = [
 ('WidgetTheme', 'Forces a light or dark theme for a subtree.', ['light', 'dark']),
 ('CardSize', 'Card width preset.', ['sm', 'md', 'lg', 'full']),
 ('FlexDirection', 'Layout direction of a container.', ['row', 'col']),
 ('Alignment', 'Cross-axis alignment of children.', ['start', 'center', 'end', 'baseline', 'stretch']),
 ('Justification', 'Main-axis distribution of children.', ['start', 'center', 'end', 'between', 'around', 'evenly', 'stretch']),
 ('FlexWrap', 'Wrap behaviour of a flex container.', ['nowrap', 'wrap', 'wrap-reverse']),
 ('Radius', 'Corner radius token (RadiusValue).', ['2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', 'full', '100%', 'none']),
 ('TextAlign', 'Horizontal text alignment.', ['start', 'center', 'end']),
 ('TextSize', 'Body text size.', ['xs', 'sm', 'md', 'lg', 'xl']),
 ('TitleSize', 'Title text size.', ['sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl']),
 ('CaptionSize', 'Caption text size.', ['sm', 'md', 'lg']),
 ('IconSize', 'Icon size.', ['xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl']),
 ('FontWeight', 'Font weight.', ['normal', 'medium', 'semibold', 'bold']),
 ('BadgeColor', 'Badge colour.', ['secondary', 'success', 'danger', 'warning', 'info', 'discovery']),
 ('BadgeVariant', 'Badge style.', ['solid', 'soft', 'outline']),
 ('BadgeSize', 'Badge size.', ['sm', 'md', 'lg']),
 ('ImageFit', 'How an image fills its box (CSS object-fit).', ['cover', 'contain', 'fill', 'scale-down', 'none']),
 ('ImagePosition', 'Where an image sits in its box (CSS object-position).', ['top left', 'top', 'top right', 'left', 'center', 'right', 'bottom left', 'bottom', 'bottom right']),
 ('ButtonStyle', 'Button style.', ['primary', 'secondary']),
 ('ButtonIconSize', "Size of a button's icons.", ['sm', 'md', 'lg', 'xl', '2xl']),
 ('ButtonColor', 'Button colour.', ['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger']),
 ('ControlVariant', 'Visual variant of buttons, selects and date pickers.', ['solid', 'soft', 'outline', 'ghost']),
 ('ControlSize', 'Size of controls.', ['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl']),
 ('InputType', 'Type of an Input.', ['number', 'email', 'text', 'password', 'tel', 'url']),
 ('InputVariant', 'Visual variant of inputs and text areas.', ['soft', 'outline']),
 ('GutterSize', 'Horizontal gutter of inputs and text areas.', ['2xs', 'xs', 'sm', 'md', 'lg', 'xl']),
 ('PopoverSide', "Side a DatePicker's calendar opens on.", ['top', 'bottom', 'left', 'right']),
 ('PopoverAlign', "Alignment of a DatePicker's calendar.", ['start', 'center', 'end']),
 ('BorderStyle', 'Border line style.', ['solid', 'dashed', 'dotted', 'double', 'groove', 'ridge', 'inset', 'outset']),
 ('CurveType', 'Interpolation of area and line chart series.', ['basis', 'basisClosed', 'basisOpen', 'bumpX', 'bumpY', 'bump', 'linear', 'linearClosed', 'natural', 'monotoneX', 'monotoneY', 'monotone', 'step', 'stepBefore', 'stepAfter']),
 ('ActionHandler', 'Who handles an action.', [('server', 'The server handles it (threads.custom_action or threads.sync_custom_action).'), ('client', "The page's widgets.onAction handles it; nothing is sent to the server.")]),
 ('ActionLoadingBehavior', 'Loading state shown while an action is handled.', [('auto', 'Picked by binding (buttons: self, selects: none, card confirm: container).'), ('none', 'No loading state.'), ('self', 'The bound node shows loading.'), ('container', 'The whole widget fades and becomes inert.')]),
 ('TableCellAlign', 'Alignment inside a table cell.', ['start', 'center', 'end']),
 ('TableColumnSize', 'Width preset of a table column.', ['xs', 'sm', 'md', 'lg', 'xl']),
]
NUMBER_WORDS = {"2": "Two", "3": "Three", "4": "Four", "5": "Five"}
def member(wire):
    if wire == "100%": return "HundredPercent"
    prefix = ""
    if wire[:1] in NUMBER_WORDS: prefix, wire = NUMBER_WORDS[wire[0]], wire[1:]
    return prefix + "".join(p[:1].upper() + p[1:] for p in __import__("re").split(r"[-_ ]", wire))
enum_out = ["// <auto-generated> by Tools/gen_components.py; edit the generator, not this file. </auto-generated>",
            "using System.Text.Json.Serialization;", "", "namespace ChatKit.Widgets;", ""]
for name, doc, values in ENUMS:
    enum_out += [f"/// <summary>{doc}</summary>", f"[JsonConverter(typeof(JsonStringEnumConverter<{name}>))]", f"public enum {name}", "{"]
    for i, value in enumerate(values):
        wire, mdoc = value if isinstance(value, tuple) else (value, f"<c>{value}</c>")
        if i: enum_out.append("")
        enum_out += [f"    /// <summary>{mdoc}</summary>", f"    [JsonStringEnumMemberName(\"{wire}\")]", f"    {member(wire)},"]
    enum_out += ["}", ""]
enum_out.append("/// <summary>Source-generated metadata for the widget enums (maps them to their wire strings without reflection).</summary>")
enum_out += [f"[JsonSerializable(typeof({name}))]" for name, _, _ in ENUMS]
enum_out.append("internal sealed partial class WidgetEnumJsonContext : JsonSerializerContext;")
open(__import__("os").path.join(__import__("os").path.dirname(__file__), "..", "WidgetEnums.g.cs"), "w").write("\n".join(enum_out) + "\n")
print(sum(len(p) for *_,p in C)+len(BOX), "props")
