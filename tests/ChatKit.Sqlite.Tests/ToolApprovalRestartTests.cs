using System.Net;
using System.Runtime.CompilerServices;
using ChatKit.AI;
using ChatKit.Testing.Hosting;
using ChatKit.Testing.StoreConformance;
using Microsoft.Extensions.AI;
using static ChatKit.Testing.Http.ChatKitRequests;

namespace ChatKit.Sqlite.Tests;

/// <summary>A pending tool approval is stored: a new host on the same SQLite file resumes the turn on the click.</summary>
public sealed class ToolApprovalRestartTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    [Fact]
    public async Task An_approval_asked_before_a_restart_is_answered_after_it_and_only_by_its_user()
    {
        var path = temp.NewDatabasePath();
        var deleted = new List<string>();
        ChatClientResponderOptions Options() => new()
        {
            Tools = [new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string path) => { deleted.Add(path); return "deleted"; }, "delete_file"))],
        };

        string threadId;
        string cardId;
        StoreTestContext user;
        using (var store = new SqliteStore<StoreTestContext>(path))
        {
            await using var host = await ChatKitTestHost.StartAsync(new ChatClientServer<StoreTestContext>(store, new DeletingModel(), Options()));
            using var client = host.CreateClient();
            var asked = await client.StreamAsync(CreateThread("delete notes.txt"));
            var card = LastDone(asked, "widget");
            threadId = asked[0]["thread"]!["id"]!.GetValue<string>();
            cardId = card["id"]!.GetValue<string>();
            user = host.User;
            Assert.Contains("chatkit.tool_approval.approve", card.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Empty(deleted);
        using (var store = new SqliteStore<StoreTestContext>(path))
        {
            var server = new ChatClientServer<StoreTestContext>(store, new DeletingModel(), Options());

            // Another user's click: 404, and the approval stays pending.
            await using (var intruderHost = await ChatKitTestHost.StartAsync(server))
            {
                using var intruder = intruderHost.CreateClient();
                var (status, _) = await intruder.PostJsonAsync(Action(threadId, cardId, ChatClientResponder.ApproveToolActionType));
                Assert.Equal(HttpStatusCode.NotFound, status);
            }

            Assert.Empty(deleted);
            await using var host = await ChatKitTestHost.StartAsync(server, user);
            using var client = host.CreateClient();
            var resumed = await client.StreamAsync(Action(threadId, cardId, ChatClientResponder.ApproveToolActionType));

            Assert.Equal(["notes.txt"], deleted);
            Assert.Contains("Approved", resumed.First(e => e["type"]!.GetValue<string>() == "thread.item.replaced").ToJsonString(), StringComparison.Ordinal);
            Assert.Equal("Result: deleted", string.Concat(LastDone(resumed, "assistant_message")["content"]!.AsArray().Select(c => c!["text"]!.GetValue<string>())));

            var again = await client.StreamAsync(Action(threadId, cardId, ChatClientResponder.ApproveToolActionType));
            Assert.Equal("error", again[^1]["type"]!.GetValue<string>());
            Assert.Equal(["notes.txt"], deleted);
        }
    }

    /// <summary>Asks to delete notes.txt; once it has a tool result, says what it was.</summary>
    private sealed class DeletingModel : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (messages.Last().Contents.OfType<FunctionResultContent>().FirstOrDefault() is { } result)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, "Result: " + result.Result?.ToString()?.Trim('"'));
                yield break;
            }

            yield return new ChatResponseUpdate(
                ChatRole.Assistant, [new FunctionCallContent("call_1", "delete_file", new Dictionary<string, object?> { ["path"] = "notes.txt" })]);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
