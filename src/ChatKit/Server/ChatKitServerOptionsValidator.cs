using Microsoft.Extensions.Options;

namespace ChatKit.Server;

/// <summary>Rejects <see cref="ChatKitServerOptions"/> that cannot work, at start rather than on the first request.</summary>
internal sealed class ChatKitServerOptionsValidator : IValidateOptions<ChatKitServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatKitServerOptions options)
    {
        var failures = new List<string>();
        if (options.MaxRequestBytes <= 0)
        {
            failures.Add($"ChatKit:MaxRequestBytes must be positive (was {options.MaxRequestBytes}).");
        }

        if (options.DefaultPageSize <= 0)
        {
            failures.Add($"ChatKit:DefaultPageSize must be positive (was {options.DefaultPageSize}).");
        }

        if (options.MaxPageSize < options.DefaultPageSize)
        {
            failures.Add($"ChatKit:MaxPageSize ({options.MaxPageSize}) must be at least ChatKit:DefaultPageSize ({options.DefaultPageSize}).");
        }

        if (options.ThreadLockTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ChatKit:ThreadLockTimeout must be positive (was {options.ThreadLockTimeout}).");
        }

        if (options.CancellationCleanupTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ChatKit:CancellationCleanupTimeout must be positive (was {options.CancellationCleanupTimeout}).");
        }

        if (options.RunJournalMaxBytes <= 0 || options.RunCheckpointDeltas <= 0)
        {
            failures.Add($"ChatKit:RunJournalMaxBytes and ChatKit:RunCheckpointDeltas must be positive (were {options.RunJournalMaxBytes} and {options.RunCheckpointDeltas}).");
        }

        if (options.RunDrainTimeout < TimeSpan.Zero)
        {
            failures.Add($"ChatKit:RunDrainTimeout must not be negative (was {options.RunDrainTimeout}).");
        }

        if (options.RunGracePeriod < TimeSpan.Zero || options.RunCheckpointInterval <= TimeSpan.Zero)
        {
            failures.Add($"ChatKit:RunGracePeriod must not be negative and ChatKit:RunCheckpointInterval must be positive (were {options.RunGracePeriod} and {options.RunCheckpointInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
