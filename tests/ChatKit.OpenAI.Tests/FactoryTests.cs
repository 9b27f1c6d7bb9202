// ResponsesClient is marked experimental (OPENAI001) in the OpenAI SDK; the test only checks it is the client underneath.
#pragma warning disable OPENAI001

using ChatKit.Testing.FakeOpenAI;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Tests;

public sealed class FactoryTests
{
    private static Func<string, string?> Variables(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData(null, OpenAIApiKind.Responses)]
    [InlineData("", OpenAIApiKind.Responses)]
    [InlineData("responses", OpenAIApiKind.Responses)]
    [InlineData("Responses", OpenAIApiKind.Responses)]
    [InlineData("chat", OpenAIApiKind.ChatCompletions)]
    [InlineData(" chat_completions ", OpenAIApiKind.ChatCompletions)]
    [InlineData("completions", OpenAIApiKind.ChatCompletions)]
    public void Parses_the_api_kind(string? value, OpenAIApiKind expected) =>
        Assert.Equal(expected, OpenAIChatClientFactory.ParseApiKind(value));

    [Fact]
    public void Rejects_an_unknown_api_kind() =>
        Assert.Throws<ArgumentException>(() => OpenAIChatClientFactory.ParseApiKind("assistants"));

    [Fact]
    public void Reads_all_variables()
    {
        var options = OpenAIChatClientFactory.OptionsFromEnvironment(Variables(
            ("OPENAI_API_KEY", "sk-test"), ("OPENAI_BASE_URL", "http://localhost:1234/v1"), ("OPENAI_MODEL", "llama3"), ("OPENAI_API", "chat")));

        Assert.Equal("sk-test", options.ApiKey);
        Assert.Equal(new Uri("http://localhost:1234/v1"), options.BaseUrl);
        Assert.Equal("llama3", options.Model);
        Assert.Equal(OpenAIApiKind.ChatCompletions, options.Api);
    }

    [Fact]
    public void Defaults_model_and_api_and_official_endpoint()
    {
        var options = OpenAIChatClientFactory.OptionsFromEnvironment(Variables(("OPENAI_API_KEY", "sk-test")));

        Assert.Equal(OpenAIChatClientFactory.DefaultModel, options.Model);
        Assert.Equal("gpt-4.1-mini", options.Model);
        Assert.Equal(OpenAIApiKind.Responses, options.Api);
        Assert.Null(options.BaseUrl);
        Assert.Null(options.MaxRetries);
    }

    [Fact]
    public void A_base_url_without_a_key_uses_a_placeholder_key()
    {
        var options = OpenAIChatClientFactory.OptionsFromEnvironment(Variables(("OPENAI_BASE_URL", "http://localhost:11434/v1")));

        Assert.False(string.IsNullOrEmpty(options.ApiKey));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("sk-test", "not a url", null)]
    [InlineData("sk-test", null, "assistants")]
    public void Invalid_configuration_throws_invalid_operation(string? key, string? baseUrl, string? api) =>
        Assert.Throws<InvalidOperationException>(() => OpenAIChatClientFactory.OptionsFromEnvironment(Variables(
            ("OPENAI_API_KEY", key), ("OPENAI_BASE_URL", baseUrl), ("OPENAI_API", api))));

    [Fact]
    public void Create_validates_options()
    {
        Assert.Throws<ArgumentException>(() => OpenAIChatClientFactory.Create(new OpenAIChatClientOptions { ApiKey = "" }));
        Assert.Throws<ArgumentException>(() => OpenAIChatClientFactory.Create(new OpenAIChatClientOptions { ApiKey = "k", Model = "" }));
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions, typeof(global::OpenAI.Chat.ChatClient))]
    [InlineData(OpenAIApiKind.Responses, typeof(global::OpenAI.Responses.ResponsesClient))]
    public void Creates_the_client_for_the_api_and_exposes_metadata(OpenAIApiKind api, Type sdkClient)
    {
        using var client = OpenAIChatClientFactory.Create("sk-test", "gpt-meta", new Uri("http://127.0.0.1:9/v1"), api);

        var metadata = client.GetService<ChatClientMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("openai", metadata.ProviderName);
        Assert.Equal("gpt-meta", metadata.DefaultModelId);
        Assert.Equal(new Uri("http://127.0.0.1:9/v1"), metadata.ProviderUri);
        Assert.IsAssignableFrom(sdkClient, client.GetService(sdkClient));
        Assert.Null(client.GetService<ChatClientMetadata>("some-key"));
    }

    [Theory]
    [InlineData("chat", "/v1/chat/completions")]
    [InlineData("responses", "/v1/responses")]
    public async Task From_environment_talks_to_OPENAI_BASE_URL(string api, string expectedPath)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("via env", chunks: 2));
        using var client = OpenAIChatClientFactory.FromEnvironment(
            Variables(("OPENAI_API_KEY", "sk-env"), ("OPENAI_BASE_URL", server.BaseUrl.ToString()), ("OPENAI_MODEL", "env-model"), ("OPENAI_API", api)),
            maxRetries: 0);

        var response = await client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout).ToChatResponseAsync();

        Assert.Equal("via env", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal(expectedPath, request.Path);
        Assert.Equal("Bearer sk-env", request.Header("authorization"));
        Assert.Equal("env-model", (string?)request.Json["model"]);
    }
}

/// <summary>The one test that touches real process environment variables; it runs alone so it cannot race others.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentCollection), DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

[Collection(nameof(ProcessEnvironmentCollection))]
public sealed class ProcessEnvironmentTests
{
    [Fact]
    public async Task From_environment_reads_the_process_environment()
    {
        string[] names = ["OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL", "OPENAI_API"];
        var saved = names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("from the process environment"));
        try
        {
            Environment.SetEnvironmentVariable("OPENAI_API_KEY", "sk-process");
            Environment.SetEnvironmentVariable("OPENAI_BASE_URL", server.BaseUrl.ToString());
            Environment.SetEnvironmentVariable("OPENAI_MODEL", "process-model");
            Environment.SetEnvironmentVariable("OPENAI_API", "chat");

            using var client = OpenAIChatClientFactory.FromEnvironment();
            var response = await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);

            Assert.Equal("from the process environment", response.Text);
            Assert.Equal("/v1/chat/completions", server.Requests[0].Path);
            Assert.Equal("process-model", (string?)server.Requests[0].Json["model"]);
            Assert.Equal("Bearer sk-process", server.Requests[0].Header("authorization"));
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
