using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>Asks a model for a short thread title based on the user's first message.</summary>
public class ThreadTitleGenerator
{
    /// <summary>Creates a generator.</summary>
    /// <param name="chatClient">The model (a small, fast one is enough).</param>
    /// <param name="chatOptions">Options for the title request (e.g. a cheaper model id).</param>
    public ThreadTitleGenerator(IChatClient chatClient, ChatOptions? chatOptions = null)
    {
        ChatClient = chatClient ?? throw new ArgumentNullException(nameof(chatClient));
        ChatOptions = chatOptions;
    }

    /// <summary>The model.</summary>
    public IChatClient ChatClient { get; }

    /// <summary>Options for the title request.</summary>
    public ChatOptions? ChatOptions { get; }

    /// <summary>The instructions of the title request.</summary>
    public string Instructions { get; set; } =
        "Write a short title (at most 6 words) for a conversation that starts with the user's message below. " +
        "Reply with the title only: no quotes, no trailing punctuation, in the language of the message.";

    /// <summary>The longest title kept; longer replies are cut at a word boundary (default 60 characters).</summary>
    public int MaxLength { get; set; } = 60;

    /// <summary>
    /// Sets <see cref="ThreadMetadata.Title"/> when the thread has none and the model gives a usable title. The server
    /// saves the thread and sends <c>thread.updated</c> after the handler's next event or at its end.
    /// </summary>
    /// <returns>Whether the title was set.</returns>
    public async ValueTask<bool> TrySetTitleAsync(ThreadMetadata thread, UserMessageItem message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(thread);
        if (thread.Title is not null)
        {
            return false;
        }

        var title = await GenerateAsync(message, cancellationToken).ConfigureAwait(false);
        if (title is null)
        {
            return false;
        }

        thread.Title = title;
        return true;
    }

    /// <summary>A title for a conversation starting with <paramref name="message"/>, or null when the model gave none.</summary>
    public virtual async ValueTask<string?> GenerateAsync(UserMessageItem message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = message.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = string.Join(", ", message.Attachments.Select(a => a.Name));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        List<ChatMessage> messages = [new(ChatRole.System, Instructions), new(ChatRole.User, text)];
        var response = await ChatClient.GetResponseAsync(messages, ChatOptions, cancellationToken).ConfigureAwait(false);
        return Clean(response.Text);
    }

    /// <summary>Tidies a model's reply into a title: first line, no quotes or trailing punctuation, limited length.</summary>
    protected virtual string? Clean(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return null;
        }

        var line = reply.Trim().Split('\n', 2)[0].Trim();
        if (line.StartsWith("title:", StringComparison.OrdinalIgnoreCase))
        {
            line = line[6..].Trim();
        }

        line = line.Trim('"', '\'', '*', '#', '`', ' ', '“', '”').TrimEnd('.', '!', '?', ':', ';', ',').Trim();
        if (line.Length > MaxLength)
        {
            var cut = line.LastIndexOf(' ', Math.Max(0, MaxLength - 1));
            line = (cut > MaxLength / 2 ? line[..cut] : line[..MaxLength]).TrimEnd() + "…";
        }

        return line.Length == 0 ? null : line;
    }
}
