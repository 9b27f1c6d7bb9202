namespace ChatKit.Stores;

/// <summary>One write of a group applied by <see cref="IStoreWriteGroups{TContext}.WriteGroupAsync"/>.</summary>
public abstract record StoreWrite
{
    private StoreWrite()
    {
    }

    /// <summary>Creates or replaces a thread (<see cref="IStore{TContext}.SaveThreadAsync"/>).</summary>
    /// <param name="Thread">The thread.</param>
    public sealed record SaveThread(ThreadMetadata Thread) : StoreWrite;

    /// <summary>Adds an item to a thread (<see cref="IStore{TContext}.AddThreadItemAsync"/>).</summary>
    /// <param name="ThreadId">The thread, which must exist (or be saved earlier in the same group).</param>
    /// <param name="Item">The item.</param>
    public sealed record AddItem(string ThreadId, ThreadItem Item) : StoreWrite;

    /// <summary>Creates or replaces an attachment's metadata (<see cref="IStore{TContext}.SaveAttachmentAsync"/>).</summary>
    /// <param name="Attachment">The attachment.</param>
    public sealed record SaveAttachment(Attachment Attachment) : StoreWrite;
}
