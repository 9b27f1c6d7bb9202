namespace ChatKit.Blazor;

/// <summary>
/// Options of the <c>&lt;openai-chatkit&gt;</c> element, mirroring ChatKit.js's <c>ChatKitOptions</c>. Serialised to
/// camelCase JSON with unset (null) options left out, so the element applies its own defaults for them. Handlers
/// (client tools, widget actions, entities, commands) are parameters of the <see cref="ChatKit"/> component instead.
/// </summary>
public sealed record ChatKitOptions
{
    /// <summary>The ChatKit server to talk to.</summary>
    public required ApiOptions Api { get; init; }

    /// <summary>Locale of the UI strings and the <c>Accept-Language</c> header, e.g. <c>"en-US"</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>Accessible name of the chat region.</summary>
    public string? FrameTitle { get; init; }

    /// <summary>Thread to open when the element starts.</summary>
    public string? InitialThread { get; init; }

    /// <summary>Colours, radius, density and typography.</summary>
    public ThemeOptions? Theme { get; init; }

    /// <summary>The header bar.</summary>
    public HeaderOptions? Header { get; init; }

    /// <summary>The thread history panel.</summary>
    public HistoryOptions? History { get; init; }

    /// <summary>What a new, empty thread shows.</summary>
    public StartScreenOptions? StartScreen { get; init; }

    /// <summary>The message composer.</summary>
    public ComposerOptions? Composer { get; init; }

    /// <summary>The thread view (following a streaming reply).</summary>
    public ThreadOptions? Thread { get; init; }

    /// <summary>Buttons under assistant messages.</summary>
    public ThreadItemActionsOptions? ThreadItemActions { get; init; }

    /// <summary>Markdown text under the composer.</summary>
    public DisclaimerOptions? Disclaimer { get; init; }

    /// <summary>@-mentions; searching, clicking and previewing are component handlers.</summary>
    public EntitiesOptions? Entities { get; init; }

    /// <summary><c>/</c> commands in the composer; searching and selecting are component handlers.</summary>
    public CommandsOptions? Commands { get; init; }
}
