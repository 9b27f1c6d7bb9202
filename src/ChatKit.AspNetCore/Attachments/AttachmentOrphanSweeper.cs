using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatKit.AspNetCore.Attachments;

/// <summary>
/// Periodically deletes orphaned attachments (see <see cref="DiskAttachmentStore{TContext}.SweepOrphansAsync"/>).
/// Tests call <see cref="SweepAsync"/> directly.
/// </summary>
public sealed partial class AttachmentOrphanSweeper<TContext>(
    DiskAttachmentStore<TContext> store,
    Func<string, TContext> contextForUser,
    ILogger<AttachmentOrphanSweeper<TContext>>? logger = null,
    TimeProvider? timeProvider = null)
    : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Runs one clean-up pass; returns how many attachments were deleted.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken = default) => store.SweepOrphansAsync(contextForUser, cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(store.Options.OrphanSweepInterval, timeProvider ?? TimeProvider.System);
        do
        {
            try
            {
                var deleted = await SweepAsync(stoppingToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    LogSwept(_logger, deleted);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Deleted {Count} orphaned attachments")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Orphaned attachment clean-up failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
