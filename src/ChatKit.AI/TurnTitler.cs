using Microsoft.Extensions.Logging;

namespace ChatKit.AI;

/// <summary>Titles an untitled thread after a turn that answered a user message; the server saves and announces it.</summary>
internal static class TurnTitler
{
    public static async Task SetTitleAsync(ChatClientResponderOptions options, ThreadMetadata thread, UserMessageItem? input, CancellationToken ct)
    {
        if (options.TitleGenerator is not { } titles || input is null || thread.Title is not null)
        {
            return;
        }

        try
        {
            await titles.TrySetTitleAsync(thread, input, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A missing title is not worth failing a turn that already succeeded.
            options.Logger?.LogWarning(e, "Generating a title for thread {ThreadId} failed.", thread.Id);
        }
    }
}
