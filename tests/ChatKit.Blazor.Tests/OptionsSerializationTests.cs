using System.Text.Json.Nodes;

namespace ChatKit.Blazor.Tests;

/// <summary>The C# options become the JSON the element's <c>setOptions</c> reads.</summary>
public sealed class OptionsSerializationTests
{
    private static readonly ApiOptions Api = new() { Url = "/chatkit" };

    private static void AssertJson(string expected, ChatKitOptions options)
    {
        var actual = JsonNode.Parse(ChatKitJson.Serialize(options));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");
    }

    [Fact]
    public void UnsetOptionsAreLeftOut()
    {
        AssertJson("""{"api":{"url":"/chatkit"}}""", new ChatKitOptions { Api = Api });
        AssertJson("""{"api":{"url":"/chatkit"},"theme":{},"composer":{"attachments":{"enabled":false}}}""",
            new ChatKitOptions { Api = Api, Theme = new ThemeOptions(), Composer = new ComposerOptions { Attachments = new AttachmentsOptions() } });
    }

    [Fact]
    public void ApiOptionsAndUploadStrategies()
    {
        AssertJson(
            """{"api":{"url":"https://chat.example/chatkit","domainKey":"dk","uploadStrategy":{"type":"direct","uploadUrl":"/chatkit/upload"},"headers":{"Authorization":"Bearer t","X-Tenant":"a"}}}""",
            new ChatKitOptions
            {
                Api = new ApiOptions
                {
                    Url = "https://chat.example/chatkit",
                    DomainKey = "dk",
                    UploadStrategy = UploadStrategy.Direct("/chatkit/upload"),
                    Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t", ["X-Tenant"] = "a" },
                },
            });
        AssertJson("""{"api":{"url":"/c","uploadStrategy":{"type":"two_phase"}}}""",
            new ChatKitOptions { Api = new ApiOptions { Url = "/c", UploadStrategy = UploadStrategy.TwoPhase } });
    }

    [Fact]
    public void LocaleFrameTitleAndInitialThread()
    {
        AssertJson("""{"api":{"url":"/chatkit"},"locale":"de-DE","frameTitle":"Support chat","initialThread":"thr_1"}""",
            new ChatKitOptions { Api = Api, Locale = "de-DE", FrameTitle = "Support chat", InitialThread = "thr_1" });
    }

    [Fact]
    public void ThemeOptions_AllFields()
    {
        AssertJson(
            """
            {"api":{"url":"/chatkit"},"theme":{
              "colorScheme":"dark",
              "color":{"accent":{"primary":"#8ab4ff","level":2},"grayscale":{"hue":220,"tint":3,"shade":-1},"surface":{"background":"#111","foreground":"#eee"}},
              "radius":"pill","density":"compact",
              "typography":{"baseSize":15,"fontFamily":"Inter","fontFamilyMono":"Fira Code",
                "fontSources":[{"family":"Inter","src":"/fonts/inter.woff2","weight":"100 900","style":"normal","display":"swap","unicodeRange":"U+0000-00FF"}]}}}
            """,
            new ChatKitOptions
            {
                Api = Api,
                Theme = new ThemeOptions
                {
                    ColorScheme = ColorScheme.Dark,
                    Color = new ThemeColors
                    {
                        Accent = new AccentColor("#8ab4ff", 2),
                        Grayscale = new GrayscaleColor(220, 3, -1),
                        Surface = new SurfaceColors("#111", "#eee"),
                    },
                    Radius = Radius.Pill,
                    Density = Density.Compact,
                    Typography = new Typography
                    {
                        BaseSize = 15,
                        FontFamily = "Inter",
                        FontFamilyMono = "Fira Code",
                        FontSources = [new FontSource { Family = "Inter", Src = "/fonts/inter.woff2", Weight = "100 900", Style = "normal", Display = "swap", UnicodeRange = "U+0000-00FF" }],
                    },
                },
            });
    }

    [Theory]
    [InlineData(ColorScheme.Light, "light")]
    [InlineData(ColorScheme.Dark, "dark")]
    public void ColorSchemes(ColorScheme scheme, string expected) =>
        AssertJson($$$"""{"api":{"url":"/chatkit"},"theme":{"colorScheme":"{{{expected}}}"}}""", new ChatKitOptions { Api = Api, Theme = new ThemeOptions { ColorScheme = scheme } });

    [Theory]
    [InlineData(Radius.Pill, "pill")]
    [InlineData(Radius.Round, "round")]
    [InlineData(Radius.Soft, "soft")]
    [InlineData(Radius.Sharp, "sharp")]
    public void Radii(Radius radius, string expected) =>
        AssertJson($$$"""{"api":{"url":"/chatkit"},"theme":{"radius":"{{{expected}}}"}}""", new ChatKitOptions { Api = Api, Theme = new ThemeOptions { Radius = radius } });

    [Theory]
    [InlineData(Density.Compact, "compact")]
    [InlineData(Density.Normal, "normal")]
    [InlineData(Density.Spacious, "spacious")]
    public void Densities(Density density, string expected) =>
        AssertJson($$$"""{"api":{"url":"/chatkit"},"theme":{"density":"{{{expected}}}"}}""", new ChatKitOptions { Api = Api, Theme = new ThemeOptions { Density = density } });

    [Fact]
    public void HeaderAndHistory()
    {
        AssertJson(
            """{"api":{"url":"/chatkit"},"header":{"enabled":true,"title":{"text":"Assistant","enabled":true},"leftAction":{"icon":"sidebar-left"},"rightAction":{"icon":"settings-cog"}},"history":{"enabled":true,"showDelete":false,"showRename":true}}""",
            new ChatKitOptions
            {
                Api = Api,
                Header = new HeaderOptions { Enabled = true, Title = new HeaderTitle("Assistant", true), LeftAction = new HeaderAction("sidebar-left"), RightAction = new HeaderAction("settings-cog") },
                History = new HistoryOptions(Enabled: true, ShowDelete: false, ShowRename: true),
            });
    }

    [Fact]
    public void StartScreenOptions_AllFields()
    {
        AssertJson(
            """{"api":{"url":"/chatkit"},"startScreen":{"greeting":"Hi!","prompts":[{"label":"Widget","prompt":"Show me a widget","icon":"square-code"},{"label":"Plain","prompt":"Hello"}]}}""",
            new ChatKitOptions
            {
                Api = Api,
                StartScreen = new StartScreenOptions { Greeting = "Hi!", Prompts = [new("Widget", "Show me a widget", "square-code"), new("Plain", "Hello")] },
            });
    }

    [Fact]
    public void ComposerOptions_AllFields()
    {
        AssertJson(
            """
            {"api":{"url":"/chatkit"},"composer":{
              "placeholder":"Ask",
              "attachments":{"enabled":true,"maxSize":1048576,"maxCount":3,"accept":{"image/*":[".png",".jpg"],"application/pdf":[".pdf"]}},
              "tools":[{"id":"web_search","label":"Search the web","icon":"globe","shortLabel":"Search","placeholderOverride":"Search for…","pinned":true,"persistent":false}],
              "models":[{"id":"fast","label":"Fast","description":"Quick","disabled":false,"default":true}],
              "dictation":{"enabled":true}}}
            """,
            new ChatKitOptions
            {
                Api = Api,
                Composer = new ComposerOptions
                {
                    Placeholder = "Ask",
                    Attachments = new AttachmentsOptions
                    {
                        Enabled = true,
                        MaxSize = 1024 * 1024,
                        MaxCount = 3,
                        Accept = new Dictionary<string, IReadOnlyList<string>> { ["image/*"] = [".png", ".jpg"], ["application/pdf"] = [".pdf"] },
                    },
                    Tools = [new ComposerTool { Id = "web_search", Label = "Search the web", Icon = "globe", ShortLabel = "Search", PlaceholderOverride = "Search for…", Pinned = true, Persistent = false }],
                    Models = [new ComposerModel { Id = "fast", Label = "Fast", Description = "Quick", Disabled = false, Default = true }],
                    Dictation = new DictationOptions(true),
                },
            });
    }

    [Fact]
    public void ItemActionsDisclaimerEntitiesAndCommands()
    {
        AssertJson(
            """{"api":{"url":"/chatkit"},"threadItemActions":{"feedback":true,"retry":false},"disclaimer":{"text":"AI can be **wrong**.","highContrast":true},"entities":{"showComposerMenu":true},"commands":{"enabled":true}}""",
            new ChatKitOptions
            {
                Api = Api,
                ThreadItemActions = new ThreadItemActionsOptions(Feedback: true, Retry: false),
                Disclaimer = new DisclaimerOptions("AI can be **wrong**.", HighContrast: true),
                Entities = new EntitiesOptions(ShowComposerMenu: true),
                Commands = new CommandsOptions(Enabled: true),
            });
    }

    [Fact]
    public void ThreadAutoScroll()
    {
        // The element reads `thread.autoScroll` (ChatKit.js's ThreadOption); unset stays out so its default (off) applies.
        AssertJson("""{"api":{"url":"/chatkit"},"thread":{"autoScroll":true}}""",
            new ChatKitOptions { Api = Api, Thread = new ThreadOptions(AutoScroll: true) });
        AssertJson("""{"api":{"url":"/chatkit"},"thread":{"autoScroll":false}}""",
            new ChatKitOptions { Api = Api, Thread = new ThreadOptions(AutoScroll: false) });
        AssertJson("""{"api":{"url":"/chatkit"},"thread":{}}""", new ChatKitOptions { Api = Api, Thread = new ThreadOptions() });
    }

    [Fact]
    public void TextIsEscapedAsJson()
    {
        var json = ChatKitJson.Serialize(new ChatKitOptions { Api = Api, Disclaimer = new DisclaimerOptions("\"quoted\" </script> é") });
        Assert.Equal("\"quoted\" </script> é", JsonNode.Parse(json)!["disclaimer"]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void AnEmptyApiUrlIsRejected(string url)
    {
        var e = Assert.Throws<ArgumentException>(() => ChatKitJson.Serialize(new ChatKitOptions { Api = new ApiOptions { Url = url } }));
        Assert.Contains("Api.Url", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingApiIsRejected() =>
        Assert.Throws<ArgumentException>(() => ChatKitJson.Serialize(new ChatKitOptions { Api = null! }));

    [Fact]
    public void ADirectUploadNeedsAUrl() => Assert.Throws<ArgumentException>(() => UploadStrategy.Direct(" "));

    [Fact]
    public void CommandResultsHaveTheElementsShape()
    {
        var entity = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            CommandResult.InsertEntity(new ChatKitEntity { Id = "p1", Title = "Ada" }), ChatKitJsonContext.Default.CommandResult));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"entity","entity":{"id":"p1","title":"Ada"}}"""), entity), entity!.ToJsonString());
        var menu = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            CommandResult.Menu([new ChatKitCommand { Id = "c1", Label = "One" }]), ChatKitJsonContext.Default.CommandResult));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"menu","commands":[{"id":"c1","label":"One"}]}"""), menu), menu!.ToJsonString());
    }
}
