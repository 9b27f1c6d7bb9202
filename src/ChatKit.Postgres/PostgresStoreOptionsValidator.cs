using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatKit.Postgres;

/// <summary>Rejects PostgreSQL settings that cannot work, at start rather than on the first request.</summary>
internal sealed class PostgresStoreOptionsValidator(IServiceProviderIsService? services = null) : IValidateOptions<PostgresStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && services?.IsService(typeof(NpgsqlDataSource)) != true)
        {
            failures.Add("ChatKit:Postgres:ConnectionString is required when no NpgsqlDataSource is registered.");
        }

        if (!options.HasValidSchema)
        {
            failures.Add($"ChatKit:Postgres:Schema '{options.Schema}' must match [a-z_][a-z0-9_]{{0,62}}.");
        }

        if (options.ThreadLockTimeout <= TimeSpan.Zero)
        {
            failures.Add($"ChatKit:Postgres:ThreadLockTimeout must be positive (was {options.ThreadLockTimeout}).");
        }

        if (options.RunLeaseDuration < TimeSpan.FromSeconds(1))
        {
            failures.Add($"ChatKit:Postgres:RunLeaseDuration must be at least 1 second (was {options.RunLeaseDuration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
