namespace ChatKit.Blazor.Tests;

/// <summary>Options with every field set, for tests that walk all of them.</summary>
internal static class FullOptions
{
    public static ChatKitOptions Create() => new()
    {
        Api = new ApiOptions
        {
            Url = "/chatkit",
            DomainKey = "dk",
            UploadStrategy = UploadStrategy.Direct("/chatkit/upload"),
            Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer t" },
        },
        Locale = "en-US",
        FrameTitle = "Chat",
        InitialThread = "thr_1",
        Theme = new ThemeOptions
        {
            ColorScheme = ColorScheme.Dark,
            Color = new ThemeColors { Accent = new AccentColor("#000", 1), Grayscale = new GrayscaleColor(1, 2, 3), Surface = new SurfaceColors("#111", "#eee") },
            Radius = Radius.Soft,
            Density = Density.Spacious,
            Typography = new Typography
            {
                BaseSize = 14,
                FontFamily = "Inter",
                FontFamilyMono = "Mono",
                FontSources = [new FontSource { Family = "Inter", Src = "/i.woff2", Weight = "400", Style = "normal", Display = "swap", UnicodeRange = "U+0-FF" }],
            },
        },
        Header = new HeaderOptions { Enabled = true, Title = new HeaderTitle("T", true), LeftAction = new HeaderAction("a"), RightAction = new HeaderAction("b") },
        History = new HistoryOptions(true, true, true),
        StartScreen = new StartScreenOptions { Greeting = "Hi", Prompts = [new StartScreenPrompt("L", "P", "I")] },
        Composer = new ComposerOptions
        {
            Placeholder = "p",
            Attachments = new AttachmentsOptions { Enabled = true, MaxSize = 1, MaxCount = 1, Accept = new Dictionary<string, IReadOnlyList<string>> { ["image/*"] = [".png"] } },
            Tools = [new ComposerTool { Id = "t", Label = "T", Icon = "i", ShortLabel = "s", PlaceholderOverride = "o", Pinned = true, Persistent = true }],
            Models = [new ComposerModel { Id = "m", Label = "M", Description = "d", Disabled = false, Default = true }],
            Dictation = new DictationOptions(true),
        },
        Thread = new ThreadOptions(AutoScroll: true),
        ThreadItemActions = new ThreadItemActionsOptions(true, true),
        Disclaimer = new DisclaimerOptions("d", true),
        Entities = new EntitiesOptions(true),
        Commands = new CommandsOptions(true),
    };
}
