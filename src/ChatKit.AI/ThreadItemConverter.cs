using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ChatKit.AI;

/// <summary>
/// Turns stored thread items into the <see cref="ChatMessage"/>s a model reads. Every item kind has a virtual hook;
/// override the ones whose default does not fit (typically <see cref="ConvertAttachmentAsync"/>, to hand the model the
/// attachment bytes, and <see cref="ConvertTagAsync"/>, to resolve @-mentions, e.g. by looking them up).
/// <see cref="ConvertItemAsync"/> converts a single item.
/// </summary>
/// <remarks>
/// Defaults: user text (tags as <c>@name</c>, with a context message describing each tag), quoted text for the newest
/// user message, attachments as image URI/data content or a short note, assistant text, completed client tool calls as
/// a function call and its result, widgets as their JSON, generated images as the image itself, custom workflow tasks
/// and task items as a note, hidden context as wrapped user text. Reasoning, pending client tool calls and
/// end-of-turn markers are skipped.
/// </remarks>
public class ThreadItemConverter
{
    /// <summary>Creates a converter with the default conversions.</summary>
    /// <param name="attachmentLoader">
    /// Optional: loads an attachment's bytes (return null when unavailable). With it, attachments become
    /// <see cref="DataContent"/> (or text for <c>text/*</c> and JSON files).
    /// </param>
    public ThreadItemConverter(Func<Attachment, CancellationToken, ValueTask<ReadOnlyMemory<byte>?>>? attachmentLoader = null)
    {
        AttachmentLoader = attachmentLoader;
    }

    /// <summary>Loads attachment bytes, if configured.</summary>
    protected Func<Attachment, CancellationToken, ValueTask<ReadOnlyMemory<byte>?>>? AttachmentLoader { get; }

    /// <summary>Converts items, oldest first, into model messages.</summary>
    /// <param name="items">The items, oldest first (hidden ones included).</param>
    /// <param name="cancellationToken">Cancels attachment loading.</param>
    public virtual async ValueTask<List<ChatMessage>> ToChatMessagesAsync(IReadOnlyList<ThreadItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var lastUser = -1;
        for (var i = items.Count - 1; i >= 0; i--)
        {
            if (items[i] is UserMessageItem)
            {
                lastUser = i;
                break;
            }
        }

        var messages = new List<ChatMessage>();
        for (var i = 0; i < items.Count; i++)
        {
            messages.AddRange(await ConvertItemAsync(items[i], i == lastUser, cancellationToken).ConfigureAwait(false));
        }

        return messages;
    }

    /// <summary>Converts one item alone into model messages (none when the model should not see it).</summary>
    /// <param name="item">The item.</param>
    /// <param name="isLatestUserMessage">For a user message: whether it is the one being answered (adds its quoted text).</param>
    /// <param name="cancellationToken">Cancels attachment loading and asynchronous hooks.</param>
    public virtual async ValueTask<IReadOnlyList<ChatMessage>> ConvertItemAsync(ThreadItem item, bool isLatestUserMessage = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var converted = item switch
        {
            UserMessageItem user => await ConvertUserMessageAsync(user, isLatestUserMessage, cancellationToken).ConfigureAwait(false),
            AssistantMessageItem assistant => ConvertAssistantMessage(assistant),
            ClientToolCallItem call => ConvertClientToolCall(call),
            WidgetItem widget => ConvertWidget(widget),
            GeneratedImageItem image => await ConvertGeneratedImageAsync(image, cancellationToken).ConfigureAwait(false),
            StructuredInputItem structured => ConvertStructuredInput(structured),
            WorkflowItem workflow => ConvertWorkflow(workflow),
            TaskItem task => ConvertTask(task),
            EndOfTurnItem endOfTurn => ConvertEndOfTurn(endOfTurn),
            HiddenContextItem hidden => ConvertHiddenContext(hidden),
            SdkHiddenContextItem sdkHidden => ConvertSdkHiddenContext(sdkHidden),
            var other => ConvertUnknown(other),
        };
        return converted as IReadOnlyList<ChatMessage> ?? [.. converted];
    }

    /// <summary>
    /// A user message: one user message with the text (tags as <c>@name</c>) and attachments, then (for the newest
    /// user message) the quoted text, then a context message describing the mentioned tags.
    /// </summary>
    /// <param name="item">The message.</param>
    /// <param name="isLatest">Whether it is the newest user message of the history (the one being answered).</param>
    /// <param name="cancellationToken">Cancels attachment loading.</param>
    protected virtual async ValueTask<IEnumerable<ChatMessage>> ConvertUserMessageAsync(UserMessageItem item, bool isLatest, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var tags = new List<UserMessageTagContent>();
        foreach (var part in item.Content)
        {
            switch (part)
            {
                case UserMessageTextContent t:
                    text.Append(t.Text);
                    break;
                case UserMessageTagContent tag:
                    text.Append('@').Append(tag.Text);
                    if (!tags.Exists(t => t.Id == tag.Id && t.Text == tag.Text))
                    {
                        tags.Add(tag);
                    }

                    break;
            }
        }

        var contents = new List<AIContent>();
        if (text.Length > 0 || item.Attachments.Count == 0)
        {
            contents.Add(new TextContent(text.ToString()));
        }

        foreach (var attachment in item.Attachments)
        {
            if (await ConvertAttachmentAsync(attachment, cancellationToken).ConfigureAwait(false) is { } content)
            {
                contents.Add(content);
            }
        }

        var messages = new List<ChatMessage> { new(ChatRole.User, contents) { MessageId = item.Id } };
        if (isLatest && !string.IsNullOrWhiteSpace(item.QuotedText))
        {
            messages.Add(new ChatMessage(ChatRole.User, $"The user's message refers specifically to this quoted text:\n<QuotedText>\n{item.QuotedText}\n</QuotedText>"));
        }

        if (tags.Count > 0)
        {
            var tagContents = new List<AIContent>
            {
                new TextContent(
                    "Context for the @-mentions in the user's message. Refer to these entities by name, without the '@'."),
            };
            foreach (var tag in tags)
            {
                if (await ConvertTagAsync(tag, cancellationToken).ConfigureAwait(false) is { } content)
                {
                    tagContents.Add(content);
                }
            }

            messages.Add(new ChatMessage(ChatRole.User, tagContents));
        }

        return messages;
    }

    /// <summary>
    /// An @-mention: by default its name, id, group and data as text. Asynchronous so an override can look the entity
    /// up (a database, an API). Return null to leave it out.
    /// </summary>
    protected virtual ValueTask<AIContent?> ConvertTagAsync(UserMessageTagContent tag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<Mention name=\"{tag.Text}\" id=\"{tag.Id}\"");
        if (tag.Group is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" group=\"{tag.Group}\"");
        }

        text.Append('>');
        if (tag.Data.Count > 0)
        {
            text.Append(AIJson.ToText(tag.Data));
        }

        return ValueTask.FromResult<AIContent?>(new TextContent(text.Append("</Mention>").ToString()));
    }

    /// <summary>
    /// An attachment. With an attachment loader: the bytes as <see cref="DataContent"/> (text files as text). Without:
    /// images as their preview URL (<see cref="UriContent"/>, or <see cref="DataContent"/> for <c>data:</c> URLs), other
    /// files as a note naming the file. Return null to leave it out.
    /// </summary>
    protected virtual async ValueTask<AIContent?> ConvertAttachmentAsync(Attachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (AttachmentLoader is not null && await AttachmentLoader(attachment, cancellationToken).ConfigureAwait(false) is { } bytes)
        {
            if (attachment.MimeType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || attachment.MimeType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                return new TextContent($"<File name=\"{attachment.Name}\" type=\"{attachment.MimeType}\">\n{Encoding.UTF8.GetString(bytes.Span)}\n</File>");
            }

            return new DataContent(bytes, attachment.MimeType) { Name = attachment.Name };
        }

        if (attachment is ImageAttachment image && Uri.TryCreate(image.PreviewUrl, UriKind.Absolute, out var url))
        {
            if (url.Scheme == "data")
            {
                return new DataContent(image.PreviewUrl, image.MimeType) { Name = image.Name };
            }

            if (url.Scheme is "http" or "https")
            {
                return new UriContent(url, image.MimeType);
            }
        }

        return new TextContent($"[The user attached the file \"{attachment.Name}\" ({attachment.MimeType}); its content is not available.]");
    }

    /// <summary>An assistant message: its text parts, joined (citations are not sent back).</summary>
    protected virtual IEnumerable<ChatMessage> ConvertAssistantMessage(AssistantMessageItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = string.Concat(item.Content.Select(c => c.Text));
        return string.IsNullOrEmpty(text) ? [] : [new ChatMessage(ChatRole.Assistant, text) { MessageId = item.Id }];
    }

    /// <summary>
    /// A client tool call: once completed, the model's function call and the client's output as its result. Pending
    /// calls are skipped (a call without a result would be rejected by most models).
    /// </summary>
    protected virtual IEnumerable<ChatMessage> ConvertClientToolCall(ClientToolCallItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Status != ClientToolCallStatus.Completed)
        {
            return [];
        }

        return
        [
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(item.CallId, item.Name, AIJson.ToDictionary(item.Arguments))]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent(item.CallId, AIJson.ToElement(item.Output))]),
        ];
    }

    /// <summary>
    /// A widget: a note with the widget's JSON, which says everything it showed (override to send less, e.g. its
    /// <see cref="WidgetItem.CopyText"/>).
    /// </summary>
    protected virtual IEnumerable<ChatMessage> ConvertWidget(WidgetItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return [new ChatMessage(ChatRole.User, $"A graphical widget (id {item.Id}) was shown to the user:\n<Widget>\n{AIJson.ToText(item.Widget.Json)}\n</Widget>")];
    }

    /// <summary>
    /// A generated image: a user message with a short note and the image itself (<see cref="DataContent"/> for a
    /// <c>data:</c> URL, <see cref="UriContent"/> for an http(s) URL), so the model can look at what it made. An image
    /// behind a URL the model cannot reach should be loaded here (the responder already turns images stored as
    /// attachments into <c>data:</c> URLs before converting). Nothing while the image is still being generated.
    /// </summary>
    protected virtual ValueTask<IEnumerable<ChatMessage>> ConvertGeneratedImageAsync(GeneratedImageItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Image is not { } image)
        {
            return ValueTask.FromResult<IEnumerable<ChatMessage>>([]);
        }

        var note = new TextContent("This image was generated by the assistant and shown to the user:");
        AIContent? picture = null;
        if (image.Url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                picture = new DataContent(image.Url);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                // A damaged data: URL is described instead of failing the whole history.
            }
        }
        else if (Uri.TryCreate(image.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            picture = new UriContent(url, "image/*");
        }

        IEnumerable<ChatMessage> messages = picture is null
            ? [new ChatMessage(ChatRole.User, "An image generated by the assistant was shown to the user.")]
            : [new ChatMessage(ChatRole.User, [note, picture])];
        return ValueTask.FromResult(messages);
    }

    /// <summary>A structured input: the questions and, once given, the user's answers.</summary>
    protected virtual IEnumerable<ChatMessage> ConvertStructuredInput(StructuredInputItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new StringBuilder("The assistant asked the user to fill in a form:");
        foreach (var input in item.Inputs)
        {
            text.Append("\n- ").Append(input.Question).Append(": ");
            text.Append(input.Answer switch
            {
                null => "(not answered yet)",
                { Skipped: true } => "(skipped)",
                var answer => string.Join(", ", answer.Values),
            });
        }

        return [new ChatMessage(ChatRole.User, text.ToString())];
    }

    /// <summary>A workflow: one note per custom task with a title or content; reasoning and other tasks are skipped.</summary>
    protected virtual IEnumerable<ChatMessage> ConvertWorkflow(WorkflowItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Workflow.Tasks.Select(TaskNote).OfType<ChatMessage>().ToList();
    }

    /// <summary>A task item: a note when it is a custom task with a title or content.</summary>
    protected virtual IEnumerable<ChatMessage> ConvertTask(TaskItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return TaskNote(item.Task) is { } note ? [note] : [];
    }

    /// <summary>The end-of-turn marker: skipped (a UI hint only).</summary>
    protected virtual IEnumerable<ChatMessage> ConvertEndOfTurn(EndOfTurnItem item) => [];

    /// <summary>Integration hidden context: user text wrapped as hidden context (JSON other than a string as JSON text).</summary>
    protected virtual IEnumerable<ChatMessage> ConvertHiddenContext(HiddenContextItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Content is null)
        {
            return [];
        }

        var text = item.Content.GetValueKind() == JsonValueKind.String ? item.Content.GetValue<string>() : AIJson.ToText(item.Content);
        return [HiddenNote(text)];
    }

    /// <summary>Context the server wrote (e.g. the cancellation marker): user text wrapped as hidden context.</summary>
    protected virtual IEnumerable<ChatMessage> ConvertSdkHiddenContext(SdkHiddenContextItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return [HiddenNote(item.Content)];
    }

    /// <summary>An item of a kind this converter does not know: skipped.</summary>
    protected virtual IEnumerable<ChatMessage> ConvertUnknown(ThreadItem item) => [];

    /// <summary>Wraps text the user never saw so the model can tell it from the conversation.</summary>
    protected static ChatMessage HiddenNote(string text) =>
        new(ChatRole.User, $"Context for the assistant, not shown to the user:\n<HiddenContext>\n{text}\n</HiddenContext>");

    private static ChatMessage? TaskNote(WorkflowTask task)
    {
        if (task is not CustomTask custom || (string.IsNullOrEmpty(custom.Title) && string.IsNullOrEmpty(custom.Content)))
        {
            return null;
        }

        var text = string.IsNullOrEmpty(custom.Title) ? custom.Content
            : string.IsNullOrEmpty(custom.Content) ? custom.Title
            : $"{custom.Title}: {custom.Content}";
        return new ChatMessage(ChatRole.User, $"The user was shown that this step was performed:\n<Task>\n{text}\n</Task>");
    }
}
