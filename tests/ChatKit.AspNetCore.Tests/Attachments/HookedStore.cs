using ChatKit.Stores;
using ChatKit.Testing.Stores;

namespace ChatKit.AspNetCore.Tests.Attachments;

/// <summary>An in-memory store that can run something just before its next attachment save, to place a race exactly.</summary>
public sealed class HookedStore() : DelegatingStore<ChatKitRequestContext>(new InMemoryStore<ChatKitRequestContext>())
{
    private Func<Task>? _beforeNextAttachmentSave;

    public void BeforeNextAttachmentSave(Func<Task> hook) => _beforeNextAttachmentSave = hook;

    public override async ValueTask SaveAttachmentAsync(Attachment attachment, ChatKitRequestContext context, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _beforeNextAttachmentSave, null) is { } hook)
        {
            await hook();
        }

        await Inner.SaveAttachmentAsync(attachment, context, cancellationToken);
    }
}
