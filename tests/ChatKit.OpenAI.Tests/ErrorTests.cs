using System.ClientModel;
using System.Diagnostics;
using ChatKit.Testing.FakeOpenAI;
using Microsoft.Extensions.AI;

namespace ChatKit.OpenAI.Tests;

public sealed class ErrorTests
{
    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions, true)]
    [InlineData(OpenAIApiKind.Responses, true)]
    [InlineData(OpenAIApiKind.ChatCompletions, false)]
    [InlineData(OpenAIApiKind.Responses, false)]
    public async Task Rate_limit_surfaces_as_client_result_exception_without_retrying(OpenAIApiKind api, bool streaming)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.Failing(429, "rate_limit_exceeded", "Rate limit reached for gpt-test.", retryAfterSeconds: 600));
        using var client = TestClients.Create(server, api, maxRetries: 0);
        var stopwatch = Stopwatch.StartNew();

        var exception = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            if (streaming)
            {
                await TestClients.CollectAsync(client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout));
            }
            else
            {
                await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);
            }
        });

        Assert.Equal(429, exception.Status);
        Assert.Contains("Rate limit reached", exception.Message);
        Assert.Equal("600", exception.GetRawResponse()?.Headers.TryGetValue("retry-after", out var retryAfter) == true ? retryAfter : null);
        Assert.Single(server.Requests);
        // A safety net far below the ten minutes a retry would have waited, with room for a busy machine.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Server_errors_are_retried_when_retries_are_on()
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(
            FakeReply.Failing(500, "server_error", "Boom.", retryAfterSeconds: 0),
            FakeReply.WithText("Recovered", chunks: 2));
        using var client = TestClients.Create(server, OpenAIApiKind.ChatCompletions, maxRetries: 1);

        var response = await client.GetResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout);

        Assert.Equal("Recovered", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task A_stream_broken_mid_way_surfaces_as_an_exception_after_the_partial_text(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("This answer will be cut off", chunks: 6).AndAbortAfter(5));
        using var client = TestClients.Create(server, api);
        var received = new List<ChatResponseUpdate>();

        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout))
            {
                received.Add(update);
            }
        });

        Assert.IsAssignableFrom<IOException>(exception);
        Assert.NotEmpty(received);
        Assert.StartsWith(string.Concat(received.Select(u => u.Text)), "This answer will be cut off");
        Assert.DoesNotContain(received, u => u.FinishReason is not null);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task A_stream_that_ends_cleanly_but_early_surfaces_as_invalid_operation(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Truncated answer", chunks: 4).AndEndAfter(3));
        using var client = TestClients.Create(server, api);
        var received = new List<ChatResponseUpdate>();

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout))
            {
                received.Add(update);
            }
        });

        Assert.DoesNotContain(received, u => u.FinishReason is not null);
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task An_in_band_stream_error_surfaces_as_invalid_operation_with_its_message(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("Partial", chunks: 2).AndStreamError("server_error", "The model crashed."));
        using var client = TestClients.Create(server, api);
        var received = new List<ChatResponseUpdate>();

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: TestClients.Timeout))
            {
                received.Add(update);
            }
        });

        Assert.Contains("The model crashed.", exception.Message);
        Assert.Contains("server_error", exception.Message);
        Assert.Equal("Partial", string.Concat(received.Select(u => u.Text)));
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions, 2)] // role chunk, first text chunk
    [InlineData(OpenAIApiKind.Responses, 5)] // created, in_progress, item added, part added, first text delta
    public async Task Cancelling_stops_the_stream_promptly(OpenAIApiKind api, int eventsBeforeStall)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        server.Enqueue(FakeReply.WithText("first second third", chunks: 3).AndStall(eventsBeforeStall, TimeSpan.FromMinutes(5)));
        using var client = TestClients.Create(server, api);
        using var cts = new CancellationTokenSource();
        var received = new List<ChatResponseUpdate>();
        var cancelledAt = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(TestClients.Hello, cancellationToken: cts.Token))
            {
                received.Add(update);
                cts.CancelAfter(TimeSpan.FromMilliseconds(100));
                cancelledAt.Restart();
            }
        });

        // Far below the five-minute stall, with room for a busy machine.
        Assert.True(cancelledAt.Elapsed < TimeSpan.FromSeconds(30), $"cancellation took {cancelledAt.Elapsed}");
        Assert.Equal("first ", string.Concat(received.Select(u => u.Text)));
    }

    [Theory]
    [InlineData(OpenAIApiKind.ChatCompletions)]
    [InlineData(OpenAIApiKind.Responses)]
    public async Task Cancelling_before_the_call_throws_without_a_request(OpenAIApiKind api)
    {
        await using var server = await FakeOpenAIServer.StartAsync();
        using var client = TestClients.Create(server, api);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.GetResponseAsync(TestClients.Hello, cancellationToken: new CancellationToken(canceled: true)));
        Assert.Empty(server.Requests);
    }
}
