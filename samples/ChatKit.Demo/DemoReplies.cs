using System.Text;

namespace ChatKit.Demo;

/// <summary>The scripted texts of the offline assistant.</summary>
internal static class DemoReplies
{
    public const string MarkdownAttack =
        "Here is some **hostile** Markdown that must render inert:\n\n" +
        "<script>window.__pwned = true</script>\n\n" +
        "<img src=x onerror=\"window.__pwned = true\">\n\n" +
        "[click me](javascript:window.__pwned=true)\n\n" +
        "![tracker](https://evil.example.com/pixel.png)";

    public const string Slow =
        "This reply streams slowly on purpose, one word at a time, so that you can try the stop button " +
        "while it is still arriving. If you stop it now, the part you already saw is kept in the thread, " +
        "and the next reply starts fresh. Words keep coming for a few more seconds so there is plenty of " +
        "time to press stop before the end of this deliberately long and slow demonstration message.";

    public static string Default(UserMessageItem input)
    {
        var builder = new StringBuilder();
        builder.Append("I'm the **offline demo assistant**: no model is configured, so I answer from a script. ");
        builder.Append("Set `OPENAI_API_KEY` (and optionally `OPENAI_BASE_URL`, `OPENAI_MODEL`) to chat with a real model.\n\n");
        builder.Append("You said: *").Append(Escape(input.Text)).Append("*\n\n");
        var tags = input.Content.OfType<UserMessageTagContent>().ToList();
        if (tags.Count > 0)
        {
            builder.Append("You mentioned: ").Append(string.Join(", ", tags.Select(t => $"**{Escape(t.Text)}** (`{t.Id}`)"))).Append(".\n\n");
        }

        if (input.Attachments.Count > 0)
        {
            builder.Append("Attachments: ").Append(string.Join(", ", input.Attachments.Select(a => $"`{Escape(a.Name)}` ({a.MimeType})"))).Append(".\n\n");
        }

        builder.Append("Try asking for a **widget**, a **client tool**, an **error**, a **slow** reply, or a **markdown attack**.");
        return builder.ToString();
    }

    /// <summary>Splits text into word-sized chunks, keeping whitespace with the word before it.</summary>
    public static IEnumerable<string> Chunks(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' || text[i] == '\n')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static string Escape(string text) => text.Replace("*", "\\*", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal);
}
