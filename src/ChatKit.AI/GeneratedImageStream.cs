using System.Globalization;
using System.Text.Json;
using ChatKit.Stores;
using Microsoft.Extensions.AI;
using static ChatKit.AI.TurnEvents;

namespace ChatKit.AI;

/// <summary>
/// The generated images a model call is producing: an image is announced (<c>thread.item.added</c> without an image)
/// when its generation starts, each partial image updates it with a progress value, and the final image finishes it.
/// URLs come from <see cref="ResponseStreamConverter.ImageToUrlAsync"/>.
/// </summary>
internal sealed class GeneratedImageStream<TContext>(TurnScope<TContext> scope)
{
    // The OpenAI adapter puts a partial image's index here (its name in the OpenAI SDK).
    public const string PartialImageIndexKey = "PartialImageIndex";

    private readonly Dictionary<string, OpenImage> _open = new(StringComparer.Ordinal);

    /// <summary>The generation of <paramref name="imageId"/> started: announce its item (once).</summary>
    public void Start(string imageId, List<ThreadStreamEvent> events) => Open(imageId, events);

    /// <summary>A partial image or the final image of <paramref name="imageId"/> (null: an image without a generation id).</summary>
    public async ValueTask AddAsync(string? imageId, DataContent image, List<ThreadStreamEvent> events, CancellationToken ct)
    {
        if (PartialIndex(image) is { } partialIndex && imageId is not null)
        {
            var open = Open(imageId, events);
            var url = await scope.Options.ResponseConverter.ImageToUrlAsync(Data(imageId, image, partialIndex), ct).ConfigureAwait(false);
            open.LastPartial = image;
            events.Add(Updated(open.ItemId, new GeneratedImageUpdated
            {
                Image = new GeneratedImage { Id = imageId, Url = url },
                Progress = scope.Options.ResponseConverter.PartialImageProgress(partialIndex),
            }));
            return;
        }

        await FinishAsync(imageId, image, events, ct).ConfigureAwait(false);
    }

    /// <summary>An image the model gave as a URL: finished as it is.</summary>
    public void AddUrl(string? imageId, string url, List<ThreadStreamEvent> events)
    {
        var open = imageId is not null && _open.Remove(imageId, out var o) ? o : null;
        events.Add(Done(open, imageId, new GeneratedImage { Id = imageId ?? open?.ItemId ?? scope.CreateItemId(StoreItemKind.Message), Url = url }));
    }

    /// <summary>
    /// The model call ended: an image that only ever got partial images is finished with the last one (some clients
    /// never send the final image while streaming); one that got nothing is withdrawn.
    /// </summary>
    public async ValueTask<List<ThreadStreamEvent>> CloseAsync(CancellationToken ct)
    {
        var events = new List<ThreadStreamEvent>();
        foreach (var (imageId, open) in _open.ToList())
        {
            if (open.LastPartial is { } last)
            {
                await FinishAsync(imageId, last, events, ct).ConfigureAwait(false);
            }
            else
            {
                _open.Remove(imageId);
                events.Add(new ThreadItemRemovedEvent { ItemId = open.ItemId });
            }
        }

        return events;
    }

    /// <summary>Withdraws every unfinished image (a failed model call).</summary>
    public List<ThreadStreamEvent> Withdraw()
    {
        var events = _open.Values.Select(o => (ThreadStreamEvent)new ThreadItemRemovedEvent { ItemId = o.ItemId }).ToList();
        _open.Clear();
        return events;
    }

    private async ValueTask FinishAsync(string? imageId, DataContent image, List<ThreadStreamEvent> events, CancellationToken ct)
    {
        var open = imageId is not null && _open.Remove(imageId, out var o) ? o : null;
        var id = imageId ?? open?.ItemId ?? scope.CreateItemId(StoreItemKind.Message);
        var data = Data(id, image, partialIndex: null);
        var url = await scope.Options.ResponseConverter.ImageToUrlAsync(data, ct).ConfigureAwait(false);

        // A stored image is named by its attachment, so the next turn can hand the model its bytes.
        events.Add(Done(open, imageId, new GeneratedImage { Id = data.StoredAttachment?.Id ?? id, Url = url }));
    }

    private ThreadItemDoneEvent Done(OpenImage? open, string? imageId, GeneratedImage image)
    {
        scope.ProducedVisibleItem = true;
        return new ThreadItemDoneEvent
        {
            Item = new GeneratedImageItem
            {
                Id = open?.ItemId ?? scope.CreateItemId(StoreItemKind.Message),
                ThreadId = scope.ThreadId,
                CreatedAt = open?.CreatedAt ?? scope.Now,
                Image = image,
            },
        };
    }

    private OpenImage Open(string imageId, List<ThreadStreamEvent> events)
    {
        if (_open.TryGetValue(imageId, out var open))
        {
            return open;
        }

        open = new OpenImage(scope.CreateItemId(StoreItemKind.Message), scope.Now);
        _open[imageId] = open;
        events.Add(new ThreadItemAddedEvent { Item = new GeneratedImageItem { Id = open.ItemId, ThreadId = scope.ThreadId, CreatedAt = open.CreatedAt } });
        return open;
    }

    private GeneratedImageData Data(string imageId, DataContent image, int? partialIndex) =>
        new(imageId, image, partialIndex, scope.Thread, scope.Context, ct => StoreAsAttachmentAsync(image, ct));

    private async ValueTask<Attachment?> StoreAsAttachmentAsync(DataContent image, CancellationToken ct)
    {
        if (scope.Server.AttachmentStore is not IAttachmentContentStore<TContext> store)
        {
            return null;
        }

        var extension = image.MediaType.Split('/') is [_, var subtype] ? subtype : "bin";
        var attachment = await store.StoreContentAsync(image.Data, $"generated-image.{extension}", image.MediaType, scope.Context, ct).ConfigureAwait(false);

        // Bound to the thread: deleted with it, and never taken for an abandoned upload.
        attachment.ThreadId = scope.ThreadId;
        await scope.Server.Store.SaveAttachmentAsync(attachment, scope.Context, ct).ConfigureAwait(false);
        return attachment;
    }

    private static int? PartialIndex(DataContent image) =>
        image.AdditionalProperties?.TryGetValue(PartialImageIndexKey, out var value) == true
            ? value switch
            {
                int i => i,
                long l => (int)l,
                JsonElement { ValueKind: JsonValueKind.Number } e => e.GetInt32(),
                string s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            }
            : null;

    private sealed class OpenImage(string itemId, DateTimeOffset createdAt)
    {
        public string ItemId { get; } = itemId;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DataContent? LastPartial { get; set; }
    }
}
