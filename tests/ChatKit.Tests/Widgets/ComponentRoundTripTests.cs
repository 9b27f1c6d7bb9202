using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Widgets;

namespace ChatKit.Tests.Widgets;

/// <summary>Every component of docs/widgets.md §7 with every prop: built in C#, written, parsed and written again.</summary>
public sealed class ComponentRoundTripTests
{
    private static readonly ActionConfig Go = ActionConfig.Create("go", new JsonObject { ["id"] = 1 });
    private const string GoJson = """{"type":"go","payload":{"id":1}}""";

    public static readonly Dictionary<string, (Func<WidgetComponent> Build, string Json)> Cases = new()
    {
        ["Card"] = (() => new Card
        {
            Id = "c", Key = "k",
            Children = [new Text { Value = "Hi" }],
            AsForm = true,
            Background = new ThemeColor("white", "gray-900"),
            Size = CardSize.Full,
            Padding = new Spacing { Top = 1, Right = "2px", Bottom = 3.5, Left = 4, X = 5, Y = 6 },
            Border = new Border { Size = 1, Color = "subtle", Style = BorderStyle.Dashed },
            Status = new WidgetStatus { Text = "Saved", Icon = IconName.Check },
            Collapsed = false,
            Confirm = new CardAction("OK", ActionConfig.Create("ok")),
            Cancel = new CardAction { Label = "Cancel", Action = ActionConfig.Create("cancel", handler: ActionHandler.Client) },
            Theme = WidgetTheme.Dark,
        }, """
        {"type":"Card","id":"c","key":"k","children":[{"type":"Text","value":"Hi"}],"asForm":true,
         "background":{"light":"white","dark":"gray-900"},"size":"full",
         "padding":{"top":1,"right":"2px","bottom":3.5,"left":4,"x":5,"y":6},
         "border":{"size":1,"color":"subtle","style":"dashed"},"status":{"text":"Saved","icon":"check"},"collapsed":false,
         "confirm":{"label":"OK","action":{"type":"ok"}},"cancel":{"label":"Cancel","action":{"type":"cancel","handler":"client"}},
         "theme":"dark"}
        """),
        ["ListView"] = (() => new ListView
        {
            Children = [new ListViewItem { Key = "a", Children = [new Text { Value = "A" }], OnClickAction = Go, Gap = 5, Align = Alignment.Center }],
            Limit = ListViewLimit.Auto,
            Status = new WidgetStatus { Text = "From the web", Favicon = "https://example.com/f.ico", Frame = true },
            Theme = WidgetTheme.Light,
        }, $$"""
        {"type":"ListView","children":[{"type":"ListViewItem","key":"a","children":[{"type":"Text","value":"A"}],
          "onClickAction":{{GoJson}},"gap":5,"align":"center"}],
         "limit":"auto","status":{"text":"From the web","favicon":"https://example.com/f.ico","frame":true},"theme":"light"}
        """),
        ["ListViewLimitNumber"] = (() => new ListView { Children = [], Limit = 3 }, """{"type":"ListView","children":[],"limit":3}"""),
        ["Basic"] = (() => new Basic
        {
            Children = [new Title { Value = "T" }],
            Theme = WidgetTheme.Dark, Direction = FlexDirection.Row, Gap = "8px", Padding = 2, Align = Alignment.Baseline, Justify = Justification.Between,
        }, """
        {"type":"Basic","children":[{"type":"Title","value":"T"}],"theme":"dark","direction":"row","gap":"8px","padding":2,
         "align":"baseline","justify":"between"}
        """),
        ["Box"] = (() => new Box
        {
            Children = [new Spacer()], Direction = FlexDirection.Col, Align = Alignment.Stretch, Justify = Justification.Evenly,
            Wrap = FlexWrap.WrapReverse, Flex = 1, Gap = 2, Height = 10, Width = "50%", Size = 25, MinHeight = 1, MinWidth = "1px",
            MinSize = 2, MaxHeight = 100, MaxWidth = "100%", MaxSize = 200, Padding = "4px", Margin = new Spacing { X = 1 },
            Border = new Borders { Top = 1, Bottom = new Border { Size = 2, Color = new ThemeColor("a", "b") }, X = 3 },
            Radius = Radius.HundredPercent, Background = "blue-500", AspectRatio = "16/9",
        }, """
        {"type":"Box","children":[{"type":"Spacer"}],"direction":"col","align":"stretch","justify":"evenly","wrap":"wrap-reverse",
         "flex":1,"gap":2,"height":10,"width":"50%","size":25,"minHeight":1,"minWidth":"1px","minSize":2,"maxHeight":100,
         "maxWidth":"100%","maxSize":200,"padding":"4px","margin":{"x":1},
         "border":{"top":1,"bottom":{"size":2,"color":{"light":"a","dark":"b"}},"x":3},"radius":"100%","background":"blue-500",
         "aspectRatio":"16/9"}
        """),
        ["Row"] = (() => new Row
        {
            Children = [new Divider()], Gap = 1, Radius = Radius.TwoXl, AspectRatio = 1.777, Align = Alignment.Start, Justify = Justification.Around,
            Wrap = FlexWrap.Wrap, Flex = "1", Height = 1, Width = 2, Size = 3, MinHeight = 4, MinWidth = 5, MinSize = 6, MaxHeight = 7,
            MaxWidth = 8, MaxSize = 9, Padding = 1.5, Margin = "auto", Border = new Border { Size = 1 }, Background = new ThemeColor("w", "b"),
        }, """
        {"type":"Row","children":[{"type":"Divider"}],"gap":1,"radius":"2xl","aspectRatio":1.777,"align":"start","justify":"around",
         "wrap":"wrap","flex":"1","height":1,"width":2,"size":3,"minHeight":4,"minWidth":5,"minSize":6,"maxHeight":7,"maxWidth":8,
         "maxSize":9,"padding":1.5,"margin":"auto","border":{"size":1},"background":{"light":"w","dark":"b"}}
        """),
        ["Col"] = (() => new Col { Children = [new Caption { Value = "c" }], Wrap = FlexWrap.Nowrap, Border = 1, Radius = Radius.None },
            """{"type":"Col","children":[{"type":"Caption","value":"c"}],"wrap":"nowrap","border":1,"radius":"none"}"""),
        ["Form"] = (() => new Form { Children = [new Input { Name = "todo.title" }], OnSubmitAction = Go, Direction = FlexDirection.Row },
            $$"""{"type":"Form","children":[{"type":"Input","name":"todo.title"}],"onSubmitAction":{{GoJson}},"direction":"row"}"""),
        ["Spacer"] = (() => new Spacer { MinSize = 8 }, """{"type":"Spacer","minSize":8}"""),
        ["Divider"] = (() => new Divider { Color = "strong", Size = 2, Spacing = "4px", Flush = true },
            """{"type":"Divider","color":"strong","size":2,"spacing":"4px","flush":true}"""),
        ["Transition"] = (() => new Transition { Child = new Text { Id = "t", Value = "x" } },
            """{"type":"Transition","children":{"type":"Text","id":"t","value":"x"}}"""),
        ["Text"] = (() => new Text
        {
            Value = "Hello", Streaming = true, Italic = true, LineThrough = false, Color = "secondary", Weight = FontWeight.Semibold,
            Width = 120, Size = TextSize.Xl, TextAlign = TextAlign.Center, Truncate = true, MinLines = 1, MaxLines = 3,
            Editable = new EditableProps
            {
                Name = "title", AutoFocus = true, AutoSelect = false, AutoComplete = "off", AllowAutofillExtensions = true,
                Pattern = "[a-z]+", Placeholder = "Title", Required = true,
            },
        }, """
        {"type":"Text","value":"Hello","streaming":true,"italic":true,"lineThrough":false,"color":"secondary","weight":"semibold",
         "width":120,"size":"xl","textAlign":"center","truncate":true,"minLines":1,"maxLines":3,
         "editable":{"name":"title","autoFocus":true,"autoSelect":false,"autoComplete":"off","allowAutofillExtensions":true,
                     "pattern":"[a-z]+","placeholder":"Title","required":true}}
        """),
        ["TextNotEditable"] = (() => new Text { Value = "x", Editable = false }, """{"type":"Text","value":"x","editable":false}"""),
        ["Title"] = (() => new Title
        {
            Value = "T", Color = new ThemeColor("black", "white"), Weight = FontWeight.Bold, Size = TitleSize.FiveXl,
            TextAlign = TextAlign.End, Truncate = false, MaxLines = 2,
        }, """
        {"type":"Title","value":"T","color":{"light":"black","dark":"white"},"weight":"bold","size":"5xl","textAlign":"end",
         "truncate":false,"maxLines":2}
        """),
        ["Caption"] = (() => new Caption
        {
            Value = "c", Color = "tertiary", Weight = FontWeight.Normal, Size = CaptionSize.Lg, TextAlign = TextAlign.Start, Truncate = true, MaxLines = 1,
        }, """
        {"type":"Caption","value":"c","color":"tertiary","weight":"normal","size":"lg","textAlign":"start","truncate":true,"maxLines":1}
        """),
        ["Markdown"] = (() => new Markdown { Id = "m", Value = "# T", Streaming = false },
            """{"type":"Markdown","id":"m","value":"# T","streaming":false}"""),
        ["Label"] = (() => new Label
        {
            Value = "Name", FieldName = "name", Size = TextSize.Xs, Weight = FontWeight.Medium, TextAlign = TextAlign.Start, Color = "emphasis",
        }, """
        {"type":"Label","value":"Name","fieldName":"name","size":"xs","weight":"medium","textAlign":"start","color":"emphasis"}
        """),
        ["Badge"] = (() => new Badge { Label = "New", Color = BadgeColor.Discovery, Variant = BadgeVariant.Outline, Size = BadgeSize.Sm, Pill = true },
            """{"type":"Badge","label":"New","color":"discovery","variant":"outline","size":"sm","pill":true}"""),
        ["Icon"] = (() => new Icon { Name = IconName.Lucide("arrow-right"), Color = "white", Size = IconSize.ThreeXl },
            """{"type":"Icon","name":"lucide:arrow-right","color":"white","size":"3xl"}"""),
        ["Image"] = (() => new Image
        {
            Src = "https://example.com/a.png", Alt = "A", Fit = ImageFit.ScaleDown, Position = ImagePosition.BottomRight, Radius = Radius.Sm,
            Frame = true, Flush = false, Height = 1, Width = 2, Size = 3, MinHeight = 4, MinWidth = 5, MinSize = 6, MaxHeight = 7,
            MaxWidth = 8, MaxSize = "9px", Margin = new Spacing { Y = "1rem" }, Background = "gray-100", AspectRatio = 1.5, Flex = "1 1 auto",
        }, """
        {"type":"Image","src":"https://example.com/a.png","alt":"A","fit":"scale-down","position":"bottom right","radius":"sm",
         "frame":true,"flush":false,"height":1,"width":2,"size":3,"minHeight":4,"minWidth":5,"minSize":6,"maxHeight":7,"maxWidth":8,
         "maxSize":"9px","margin":{"y":"1rem"},"background":"gray-100","aspectRatio":1.5,"flex":"1 1 auto"}
        """),
        ["Chart"] = (() => new Chart
        {
            Data = [new JsonObject { ["month"] = "Jan", ["sales"] = 10, ["cost"] = 2.5 }],
            Series =
            [
                new BarSeries { Label = "Sales", DataKey = "sales", Stack = "s", Color = "blue" },
                new AreaSeries { DataKey = "cost", Stack = "s", Color = new ThemeColor("red-100", "red-900"), CurveType = CurveType.MonotoneX },
                new LineSeries { Label = "Cost", DataKey = "cost", Color = "green", CurveType = CurveType.StepAfter },
            ],
            XAxis = new XAxisConfig { DataKey = "month", Hide = false, Labels = new JsonObject { ["Jan"] = "January" } },
            ShowYAxis = true, ShowLegend = false, ShowTooltip = true, BarGap = 2, BarCategoryGap = 4, Flex = 1,
            Height = 200, Width = "100%", Size = 1, MinHeight = 2, MinWidth = 3, MinSize = 4, MaxHeight = 5, MaxWidth = 6, MaxSize = 7,
            AspectRatio = "4/3",
        }, """
        {"type":"Chart","data":[{"month":"Jan","sales":10,"cost":2.5}],
         "series":[{"type":"bar","label":"Sales","dataKey":"sales","stack":"s","color":"blue"},
                   {"type":"area","dataKey":"cost","stack":"s","color":{"light":"red-100","dark":"red-900"},"curveType":"monotoneX"},
                   {"type":"line","label":"Cost","dataKey":"cost","color":"green","curveType":"stepAfter"}],
         "xAxis":{"dataKey":"month","hide":false,"labels":{"Jan":"January"}},"showYAxis":true,"showLegend":false,"showTooltip":true,
         "barGap":2,"barCategoryGap":4,"flex":1,"height":200,"width":"100%","size":1,"minHeight":2,"minWidth":3,"minSize":4,
         "maxHeight":5,"maxWidth":6,"maxSize":7,"aspectRatio":"4/3"}
        """),
        ["ChartXAxisString"] = (() => new Chart { Data = [], Series = [new BarSeries { DataKey = "v" }], XAxis = "month" },
            """{"type":"Chart","data":[],"series":[{"type":"bar","dataKey":"v"}],"xAxis":"month"}"""),
        ["Table"] = (() => new Table
        {
            Children =
            [
                new TableRow { Header = true, Children = [new TableCell { Children = [new Text { Value = "Name" }], ColSize = TableColumnSize.Xl }] },
                new TableRow
                {
                    Children =
                    [
                        new TableCell
                        {
                            Children = [new Text { Value = "Ada" }], Width = 120, Padding = new Spacing { X = 2 }, ColSpan = 2, RowSpan = 1,
                            Align = TableCellAlign.End, VAlign = TableCellAlign.Center,
                        },
                    ],
                },
            ],
        }, """
        {"type":"Table","children":[
          {"type":"Table.Row","header":true,"children":[{"type":"Table.Cell","children":[{"type":"Text","value":"Name"}],"colSize":"xl"}]},
          {"type":"Table.Row","children":[{"type":"Table.Cell","children":[{"type":"Text","value":"Ada"}],"width":120,"padding":{"x":2},
            "colSpan":2,"rowSpan":1,"align":"end","vAlign":"center"}]}]}
        """),
        ["Button"] = (() => new Button
        {
            Submit = true, Label = "Go", OnClickAction = Go, IconStart = IconName.Search, IconEnd = IconName.Vendor("logo"),
            Style = ButtonStyle.Secondary, IconSize = ButtonIconSize.TwoXl, Color = ButtonColor.Caution, Variant = ControlVariant.Ghost,
            Size = ControlSize.ThreeXs, Pill = true, Uniform = false, Block = true, Disabled = false,
        }, $$"""
        {"type":"Button","submit":true,"label":"Go","onClickAction":{{GoJson}},"iconStart":"search","iconEnd":"vendor:logo",
         "style":"secondary","iconSize":"2xl","color":"caution","variant":"ghost","size":"3xs","pill":true,"uniform":false,
         "block":true,"disabled":false}
        """),
        ["Input"] = (() => new Input
        {
            Name = "email", InputType = InputType.Email, DefaultValue = "a@b.c", Pattern = ".+@.+", Placeholder = "Email",
            Required = true, AllowAutofillExtensions = false, AutoSelect = true, AutoFocus = false, Disabled = false, Pill = true,
            Variant = InputVariant.Soft, Size = ControlSize.Md, GutterSize = GutterSize.TwoXs,
        }, """
        {"type":"Input","name":"email","inputType":"email","defaultValue":"a@b.c","pattern":".+@.+","placeholder":"Email",
         "required":true,"allowAutofillExtensions":false,"autoSelect":true,"autoFocus":false,"disabled":false,"pill":true,
         "variant":"soft","size":"md","gutterSize":"2xs"}
        """),
        ["Textarea"] = (() => new Textarea
        {
            Name = "notes", DefaultValue = "n", Pattern = ".*", Placeholder = "Notes", Required = false, AutoSelect = false,
            AutoFocus = true, Disabled = false, AutoResize = true, AllowAutofillExtensions = true, Variant = InputVariant.Outline,
            Size = ControlSize.Lg, GutterSize = GutterSize.Xl, Rows = 3, MaxRows = 10,
        }, """
        {"type":"Textarea","name":"notes","defaultValue":"n","pattern":".*","placeholder":"Notes","required":false,"autoSelect":false,
         "autoFocus":true,"disabled":false,"autoResize":true,"allowAutofillExtensions":true,"variant":"outline","size":"lg",
         "gutterSize":"xl","rows":3,"maxRows":10}
        """),
        ["Select"] = (() => new Select
        {
            Name = "color",
            Options = [new SelectOption("blue", "Blue"), new SelectOption { Value = "red", Label = "Red", Disabled = true, Description = "Warm" }],
            OnChangeAction = ActionConfig.Create("color.changed", loadingBehavior: ActionLoadingBehavior.None, streaming: false),
            Placeholder = "Pick", DefaultValue = "blue", Variant = ControlVariant.Soft, Size = ControlSize.TwoXs, Pill = false, Block = true,
            Clearable = true, Disabled = false, Searchable = true,
        }, """
        {"type":"Select","name":"color","options":[{"value":"blue","label":"Blue"},{"value":"red","label":"Red","disabled":true,"description":"Warm"}],
         "onChangeAction":{"type":"color.changed","loadingBehavior":"none","streaming":false},"placeholder":"Pick","defaultValue":"blue",
         "variant":"soft","size":"2xs","pill":false,"block":true,"clearable":true,"disabled":false,"searchable":true}
        """),
        ["DatePicker"] = (() => new DatePicker
        {
            Name = "due", OnChangeAction = Go, Placeholder = "Due", DefaultValue = "2025-06-01T00:00:00", Min = "2025-01-01T00:00:00",
            Max = "2025-12-31T00:00:00", Variant = ControlVariant.Outline, Size = ControlSize.Xl, Side = PopoverSide.Left,
            Align = PopoverAlign.Center, Pill = true, Block = false, Clearable = false, Disabled = true,
        }, $$"""
        {"type":"DatePicker","name":"due","onChangeAction":{{GoJson}},"placeholder":"Due","defaultValue":"2025-06-01T00:00:00",
         "min":"2025-01-01T00:00:00","max":"2025-12-31T00:00:00","variant":"outline","size":"xl","side":"left","align":"center",
         "pill":true,"block":false,"clearable":false,"disabled":true}
        """),
        ["Checkbox"] = (() => new Checkbox { Name = "agree", Label = "I agree", DefaultChecked = true, OnChangeAction = Go, Disabled = false, Required = true },
            $$"""{"type":"Checkbox","name":"agree","label":"I agree","defaultChecked":true,"onChangeAction":{{GoJson}},"disabled":false,"required":true}"""),
        ["RadioGroup"] = (() => new RadioGroup
        {
            Name = "size", Options = [new RadioOption("s", "Small"), new RadioOption { Label = "Large", Value = "l", Disabled = true }],
            AriaLabel = "Size", OnChangeAction = Go, DefaultValue = "s", Direction = FlexDirection.Col, Disabled = false, Required = true,
        }, $$"""
        {"type":"RadioGroup","name":"size","options":[{"label":"Small","value":"s"},{"label":"Large","value":"l","disabled":true}],
         "ariaLabel":"Size","onChangeAction":{{GoJson}},"defaultValue":"s","direction":"col","disabled":false,"required":true}
        """),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Built_in_CSharp_writes_the_expected_json(string name)
    {
        var (build, json) = Cases[name];
        WidgetTestJson.Equal(json, build());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Parsed_json_writes_back_the_same_json_and_has_the_typed_class(string name)
    {
        var (build, json) = Cases[name];
        var parsed = WidgetComponent.Parse(json);
        Assert.IsType(build().GetType(), parsed);
        WidgetTestJson.Equal(json, parsed);
        WidgetTestJson.Equal(json, parsed.Clone());
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Every_prop_reads_through_its_typed_property_and_writes_back_identically(string name)
    {
        // Copy every typed property from the parsed component onto a fresh one: getters and setters must agree
        // with the wire names and shapes.
        var (_, json) = Cases[name];
        var parsed = WidgetComponent.Parse(json);
        var copy = (WidgetComponent)Activator.CreateInstance(parsed.GetType())!;
        foreach (var property in TypedProperties(parsed.GetType()))
        {
            var value = property.GetValue(parsed);
            if (value is not null)
            {
                property.SetValue(copy, value);
            }
        }

        WidgetTestJson.Equal(json, copy);
    }

    [Fact]
    public void Every_component_type_and_every_typed_prop_is_covered_by_a_case()
    {
        var types = typeof(WidgetComponent).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(WidgetComponent)) && !t.IsAbstract && t != typeof(WidgetRoot))
            .ToHashSet();
        var covered = new Dictionary<Type, HashSet<string>>();
        foreach (var (_, json) in Cases.Values)
        {
            foreach (var node in WidgetComponent.Parse(json).DescendantsAndSelf())
            {
                var keys = covered.TryGetValue(node.GetType(), out var set) ? set : covered[node.GetType()] = [];
                keys.UnionWith(node.Json.Select(p => p.Key));
            }
        }

        Assert.Empty(types.Where(t => !covered.ContainsKey(t)).Select(t => t.Name));
        foreach (var type in types)
        {
            // Each typed prop must appear in a case of its declaring class or one of its subclasses (BoxBase props
            // are shared by Box/Row/Col/Form); id and key live on the base class and the Card case exercises them.
            var missing = TypedProperties(type)
                .Where(p => p.DeclaringType == type || p.DeclaringType!.IsAbstract)
                .Select(p => (Property: p, Wire: WireName(p)))
                .Where(p => p.Wire is not ("id" or "key"))
                .Where(p => !covered.Any(c => p.Property.DeclaringType!.IsAssignableFrom(c.Key) && c.Value.Contains(p.Wire)))
                .Select(p => p.Wire)
                .ToList();
            Assert.True(missing.Count == 0, $"{type.Name}: props never exercised: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Components_are_roots_only_for_card_list_view_and_basic()
    {
        Assert.IsAssignableFrom<WidgetRoot>(new Card { Children = [] });
        Assert.IsAssignableFrom<WidgetRoot>(new ListView { Children = [] });
        Assert.IsAssignableFrom<WidgetRoot>(new Basic { Children = [] });
        Assert.IsNotAssignableFrom<WidgetRoot>(new Box());
        Assert.Throws<JsonException>(() => WidgetRoot.Parse("""{"type":"Box"}"""));
        Assert.Throws<ArgumentException>(() => new WidgetRoot(new JsonObject { ["type"] = "Text", ["value"] = "x" }));
        Assert.IsType<Card>(WidgetRoot.Parse("""{"type":"Card","children":[]}"""));
    }

    [Fact]
    public void Typed_children_are_live_views_over_the_json()
    {
        var body = new Markdown { Id = "body", Value = "" };
        var card = new Card { Children = [new Title { Value = "Draft" }, body] };
        body.Value += "Dear";
        card.Children.Add(new Divider());
        Assert.Equal(3, card.Children.Count);
        Assert.IsType<Title>(card.Children[0]);
        Assert.Equal("Dear", card.FindById<Markdown>("body")!.Value);
        card.Children.RemoveAt(0);
        WidgetTestJson.Equal("""{"type":"Card","children":[{"type":"Markdown","id":"body","value":"Dear"},{"type":"Divider"}]}""", card);
    }

    [Fact]
    public void A_component_added_to_a_second_tree_is_copied()
    {
        var text = new Text { Value = "shared" };
        var a = new Card { Children = [text] };
        var b = new Card { Children = [text] };
        text.Value = "changed";
        WidgetTestJson.Equal("""{"type":"Card","children":[{"type":"Text","value":"changed"}]}""", a);
        WidgetTestJson.Equal("""{"type":"Card","children":[{"type":"Text","value":"shared"}]}""", b);
    }

    [Fact]
    public void Setting_a_prop_to_null_removes_it()
    {
        var text = new Text { Value = "x", Size = TextSize.Sm, Color = "red" };
        text.Size = null;
        text.Color = null;
        WidgetTestJson.Equal("""{"type":"Text","value":"x"}""", text);
    }

    [Fact]
    public void Type_is_fixed()
    {
        var text = new Text { Value = "x" };
        Assert.Throws<InvalidOperationException>(() => text["type"] = "Title");
    }

    [Fact]
    public void Typed_getters_explain_props_of_an_unexpected_shape()
    {
        var text = (Text)WidgetComponent.Parse("""{"type":"Text","value":"x","size":"huge","maxLines":"3"}""");
        var e = Assert.Throws<InvalidOperationException>(() => text.Size);
        Assert.Contains("'Text.size'", e.Message);
        Assert.Contains("xs, sm, md, lg, xl", e.Message);
        Assert.Throws<InvalidOperationException>(() => text.MaxLines);
        Assert.Equal("huge", text["size"]!.GetValue<string>());
        WidgetTestJson.Equal("""{"type":"Text","value":"x","size":"huge","maxLines":"3"}""", text);
        var missing = (Text)WidgetComponent.Parse("""{"type":"Text"}""");
        Assert.Contains("required but missing", Assert.Throws<InvalidOperationException>(() => missing.Value).Message);
    }

    [Fact]
    public void Number_or_string_values_read_back_typed()
    {
        var box = (Box)WidgetComponent.Parse("""{"type":"Box","gap":2,"width":"50%","aspectRatio":1.5,"padding":{"x":1},"border":{"size":2}}""");
        Assert.Equal(2, box.Gap!.Value.Number);
        Assert.Equal("50%", box.Width!.Value.String);
        Assert.Equal(1.5, box.AspectRatio!.Value.Number);
        Assert.Equal(1, box.Padding!.Value.Sides!.X!.Value.Number);
        Assert.Equal(2, box.Border!.Value.Border!.Size);
        Assert.Null(box.Border.Value.Borders);
    }

    [Fact]
    public void Enum_wire_names_cover_the_spec_literals()
    {
        Assert.Equal(["2xs", "xs", "sm", "md", "lg", "xl", "2xl", "3xl", "4xl", "full", "100%", "none"], WidgetEnum<Radius>.WireNames);
        Assert.Equal(["3xs", "2xs", "xs", "sm", "md", "lg", "xl", "2xl", "3xl"], WidgetEnum<ControlSize>.WireNames);
        Assert.Equal(
            ["basis", "basisClosed", "basisOpen", "bumpX", "bumpY", "bump", "linear", "linearClosed", "natural", "monotoneX", "monotoneY", "monotone", "step", "stepBefore", "stepAfter"],
            WidgetEnum<CurveType>.WireNames);
        Assert.Equal(["top left", "top", "top right", "left", "center", "right", "bottom left", "bottom", "bottom right"], WidgetEnum<ImagePosition>.WireNames);
        Assert.Equal("\"wrap-reverse\"", JsonSerializer.Serialize(FlexWrap.WrapReverse, WidgetTestEnumJson.Default.FlexWrap));
    }

    [Fact]
    public void Editable_true_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Text { Value = "x", Editable = true });
    }

    private static IEnumerable<PropertyInfo> TypedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetIndexParameters().Length == 0 && p.DeclaringType != typeof(WidgetObject));

    private static string WireName(PropertyInfo property) =>
        property.Name == "Child" ? "children" : char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
}

[System.Text.Json.Serialization.JsonSerializable(typeof(FlexWrap))]
internal sealed partial class WidgetTestEnumJson : System.Text.Json.Serialization.JsonSerializerContext;
