using Microsoft.Extensions.Options;

namespace ChatKit.Sqlite;

/// <summary>Rejects SQLite settings that cannot work, at start rather than on the first request.</summary>
internal sealed class SqliteStoreOptionsValidator : IValidateOptions<SqliteStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.FilePath))
        {
            failures.Add("ChatKit:Sqlite:FilePath is required (the database file, e.g. data/chatkit.db).");
        }

        if (options.BusyTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ChatKit:Sqlite:BusyTimeout must be positive (was {options.BusyTimeout}).");
        }

        if (options.WalCheckpointPages is < SqliteStoreOptions.MinWalCheckpointPages or > SqliteStoreOptions.MaxWalCheckpointPages)
        {
            failures.Add($"ChatKit:Sqlite:WalCheckpointPages must be between {SqliteStoreOptions.MinWalCheckpointPages:N0} and {SqliteStoreOptions.MaxWalCheckpointPages:N0} (was {options.WalCheckpointPages}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
