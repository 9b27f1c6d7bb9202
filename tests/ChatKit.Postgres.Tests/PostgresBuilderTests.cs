using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatKit.Postgres.Tests;

/// <summary><c>AddPostgresStore</c>: data source or connection string, validation at start, the health check.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresBuilderTests(PostgresServer server)
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        more?.Invoke(services);
        services.AddChatKitCore<StoreTestContext>().AddPostgresStore();
        services.AddHealthChecks().AddChatKitStore(timeout: TimeSpan.FromSeconds(20));
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_connection_string_comes_from_ChatKit_Postgres_and_a_running_server_is_healthy()
    {
        await using var provider = Build(new()
        {
            ["ChatKit:Postgres:ConnectionString"] = server.DatabaseFor(nameof(PostgresBuilderTests)),
            ["ChatKit:Postgres:Schema"] = "chatkit_bound",
        });

        var store = Assert.IsType<PostgresStore<StoreTestContext>>(provider.GetRequiredService<IStore<StoreTestContext>>());
        Assert.Equal("chatkit_bound", store.Schema);
        Assert.Equal(HealthStatus.Healthy, (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task A_registered_data_source_is_used_without_a_connection_string()
    {
        await using var dataSource = NpgsqlDataSource.Create(server.DatabaseFor(nameof(PostgresBuilderTests)));
        await using var provider = Build([], services => services.AddSingleton(dataSource));

        Assert.Empty(provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value.ConnectionString ?? "");
        var store = Assert.IsType<PostgresStore<StoreTestContext>>(provider.GetRequiredService<IStore<StoreTestContext>>());
        Assert.Same(dataSource, store.DataSource);
        Assert.Equal(HealthStatus.Healthy, (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status);
    }

    [Fact]
    public async Task A_stopped_server_is_unhealthy()
    {
        // Nothing listens on port 1 of the loopback address: what a stopped server looks like to the store.
        await using var provider = Build(new() { ["ChatKit:Postgres:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=3" });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.NotNull(report.Entries["chatkit-store"].Exception);
    }

    [Fact]
    public void Missing_connection_and_bad_schema_fail_validation_with_their_keys()
    {
        using var provider = Build(new() { ["ChatKit:Postgres:Schema"] = "Bad-Name" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value);
        Assert.Contains("ChatKit:Postgres:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("ChatKit:Postgres:Schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_lease_under_a_second_fails_validation_and_a_configured_one_reaches_the_run_exchange()
    {
        using (var bad = Build(new() { ["ChatKit:Postgres:ConnectionString"] = "Host=localhost", ["ChatKit:Postgres:RunLeaseDuration"] = "00:00:00.200" }))
        {
            var error = Assert.Throws<OptionsValidationException>(() => bad.GetRequiredService<IOptions<PostgresStoreOptions>>().Value);
            Assert.Contains("ChatKit:Postgres:RunLeaseDuration", error.Message, StringComparison.Ordinal);
        }

        using var provider = Build(new()
        {
            ["ChatKit:Postgres:ConnectionString"] = server.DatabaseFor(nameof(PostgresBuilderTests)),
            ["ChatKit:Postgres:RunLeaseDuration"] = "00:00:05",
            ["ChatKit:RunGracePeriod"] = "00:00:07",
        });
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<PostgresStoreOptions>>().Value.RunLeaseDuration);
        var store = Assert.IsType<PostgresStore<StoreTestContext>>(provider.GetRequiredService<IStore<StoreTestContext>>());
        Assert.Equal(TimeSpan.FromSeconds(7), store.Runs.GracePeriod);
        Assert.Same(store.Runs, ((IRunExchangeProvider<StoreTestContext>)store).RunExchange);
    }
}
