using ChatKit.OpenAI.Hosting;
using ChatKit.OpenAI.Sessions;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Tests.Sessions;

public sealed class ChatKitOptionsBindingTests
{
    private static ServiceProvider Build(IDictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        more?.Invoke(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Both_option_types_bind_from_ChatKit_Hosted()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["ChatKit:Hosted:ApiKey"] = "sk-from-section",
            ["ChatKit:Hosted:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["ChatKit:Hosted:Organization"] = "org_1",
            ["ChatKit:Hosted:Project"] = "proj_1",
            ["ChatKit:Hosted:MaxRetries"] = "4",
            ["ChatKit:Hosted:InitialRetryDelay"] = "00:00:01",
            ["ChatKit:Hosted:MaxRetryAfter"] = "00:00:30",
            ["ChatKit:Hosted:WorkflowId"] = "wf_1",
            ["ChatKit:Hosted:WorkflowVersion"] = "2",
            ["ChatKit:Hosted:ExpiresAfterSeconds"] = "300",
            ["ChatKit:Hosted:AllowAnonymousUsers"] = "true",
            ["ChatKit:Hosted:RateLimitPermitLimit"] = "5",
            ["ChatKit:Hosted:RateLimitWindow"] = "00:00:30",
            ["OPENAI_API_KEY"] = "sk-from-environment",
        }, s => s.AddChatKitSessions());

        var client = provider.GetRequiredService<IOptions<ChatKitSessionsOptions>>().Value;
        var hosted = provider.GetRequiredService<IOptions<ChatKitHostedOptions>>().Value;

        Assert.Equal("sk-from-section", client.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), client.BaseUrl);
        Assert.Equal("org_1", client.Organization);
        Assert.Equal("proj_1", client.Project);
        Assert.Equal(4, client.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(1), client.InitialRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), client.MaxRetryAfter);
        Assert.Equal("wf_1", hosted.WorkflowId);
        Assert.Equal("2", hosted.WorkflowVersion);
        Assert.Equal(300, hosted.ExpiresAfterSeconds);
        Assert.True(hosted.AllowAnonymousUsers);
        Assert.Equal(5, hosted.RateLimitPermitLimit);
        Assert.Equal(TimeSpan.FromSeconds(30), hosted.RateLimitWindow);
        Assert.NotNull(provider.GetRequiredService<ChatKitSessionsClient>());
    }

    [Fact]
    public void Key_and_base_url_fall_back_to_the_OpenAI_conventions()
    {
        using var provider = Build(new Dictionary<string, string?>
        {
            ["OPENAI_API_KEY"] = "sk-from-environment",
            ["OPENAI_BASE_URL"] = "http://127.0.0.1:9/proxy/v1",
        }, s => s.AddChatKitSessionsClient());

        var options = provider.GetRequiredService<IOptions<ChatKitSessionsOptions>>().Value;

        Assert.Equal("sk-from-environment", options.ApiKey);
        Assert.Equal(new Uri("http://127.0.0.1:9/proxy/v1"), options.BaseUrl);
    }

    [Fact]
    public void Code_configuration_wins_over_the_configuration_section()
    {
        using var provider = Build(new Dictionary<string, string?> { ["ChatKit:Hosted:WorkflowId"] = "wf_config" },
            s => s.AddChatKitSessions(o => o.WorkflowId = "wf_code"));

        Assert.Equal("wf_code", provider.GetRequiredService<IOptions<ChatKitHostedOptions>>().Value.WorkflowId);
    }

    [Fact]
    public void Unparsable_values_name_the_key_but_not_the_value()
    {
        using var provider = Build(new Dictionary<string, string?> { ["ChatKit:Hosted:MaxRetries"] = "sk-looks-secret" }, s => s.AddChatKitSessionsClient());

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IOptions<ChatKitSessionsOptions>>().Value);

        Assert.Contains("ChatKit:Hosted:MaxRetries", ex.Message);
        Assert.DoesNotContain("sk-looks-secret", ex.Message);
    }

    [Fact]
    public void Nonsensical_limits_are_rejected()
    {
        using var provider = Build(new Dictionary<string, string?> { ["ChatKit:Hosted:RateLimitPermitLimit"] = "0" }, s => s.AddChatKitSessions());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ChatKitHostedOptions>>().Value);

        Assert.Contains("RateLimitPermitLimit", ex.Message);
    }

    [Fact]
    public void Registering_twice_is_harmless()
    {
        using var provider = Build(new Dictionary<string, string?>(), s => s.AddChatKitSessions().AddChatKitSessions());

        Assert.NotNull(provider.GetRequiredService<IOptions<RateLimiterOptions>>().Value);
    }
}
