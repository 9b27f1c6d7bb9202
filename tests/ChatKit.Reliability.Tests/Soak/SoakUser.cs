using System.Net;
using System.Text.Json.Nodes;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;

namespace ChatKit.Reliability.Tests.Soak;

/// <summary>
/// One anonymous user of the soak: a seeded random mix of turns, reads, renames, feedback, widget actions, retries
/// and deletions on its own threads, one request at a time. Every answer is checked: it must succeed.
/// </summary>
public sealed class SoakUser(Uri endpoint, int seed) : IDisposable
{
    private readonly RawClient _client = new(endpoint);
    private readonly Random _random = new(seed);
    private readonly List<string> _threads = [];
    private readonly Dictionary<string, string> _widgets = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public List<string> Failures { get; } = [];

    public IReadOnlyList<string> Threads => _threads;

    public RawClient Client => _client;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await StepAsync();
        }
    }

    private async Task StepAsync()
    {
        if (_threads.Count == 0)
        {
            await TurnAsync(ChatKitRequests.CreateThread(_random.Next(3) == 0 ? "show me a widget" : "hello"), null);
            return;
        }

        var thread = _threads[_random.Next(_threads.Count)];
        switch (_random.Next(100))
        {
            case < 10 when _threads.Count < 4:
                await TurnAsync(ChatKitRequests.CreateThread("another topic"), null);
                break;
            case < 30:
                await TurnAsync(ChatKitRequests.AddUserMessage(thread, _random.Next(4) == 0 ? "a widget please" : "tell me more"), thread);
                break;
            case < 45:
                await JsonAsync(ChatKitRequests.ListThreads(limit: 20));
                break;
            case < 60:
                await JsonAsync(ChatKitRequests.ListItems(thread, limit: 20, order: "desc"));
                break;
            case < 70:
                await JsonAsync(ChatKitRequests.GetThread(thread));
                break;
            case < 76:
                await JsonAsync(ChatKitRequests.Request("threads.update", new JsonObject { ["thread_id"] = thread, ["title"] = $"title {_random.Next(1000)}" }));
                break;
            case < 82 when _widgets.TryGetValue(thread, out var widget):
                await TurnAsync(ChatKitRequests.Action(thread, widget, "demo.increment"), thread);
                break;
            case < 86 when _widgets.TryGetValue(thread, out var widget):
                await JsonAsync(ChatKitRequests.Action(thread, widget, "demo.reset", sync: true));
                break;
            case < 92:
            {
                var items = await JsonAsync(ChatKitRequests.ListItems(thread, limit: 5, order: "desc"));
                var ids = items?["data"]?.AsArray().Select(i => i!["id"]!.GetValue<string>()).ToArray() ?? [];
                if (ids.Length > 0)
                {
                    await JsonAsync(ChatKitRequests.Request("items.feedback", new JsonObject { ["thread_id"] = thread, ["item_ids"] = new JsonArray(ids[0]), ["kind"] = "positive" }));
                }

                break;
            }

            case < 96:
            {
                var items = await JsonAsync(ChatKitRequests.ListItems(thread, limit: 20, order: "desc"));
                var user = items?["data"]?.AsArray().FirstOrDefault(i => (string?)i!["type"] == "user_message")?["id"]?.GetValue<string>();
                if (user is not null)
                {
                    // A retry deletes the items after the message, the widget possibly among them.
                    _widgets.Remove(thread);
                    await TurnAsync(ChatKitRequests.Retry(thread, user), thread);
                }

                break;
            }

            case < 99 when _threads.Count > 1:
                await JsonAsync(ChatKitRequests.DeleteThread(thread));
                _threads.Remove(thread);
                _widgets.Remove(thread);
                break;
            default:
                await JsonAsync(ChatKitRequests.ListThreads(limit: 5, order: "asc"));
                break;
        }
    }

    private async Task TurnAsync(string body, string? threadId)
    {
        Requests++;
        var outcome = await _client.PostAsync(body);
        if (outcome.Status != HttpStatusCode.OK || !outcome.IsStream || outcome.Torn is not null ||
            outcome.Events.Any(e => (string?)e["type"] == "error"))
        {
            Failures.Add($"{body[..Math.Min(body.Length, 120)]} -> {outcome.Describe()}");
            return;
        }

        threadId ??= outcome.Events.FirstOrDefault(e => (string?)e["type"] == "thread.created")?["thread"]?["id"]?.GetValue<string>();
        if (threadId is null)
        {
            return;
        }

        if (!_threads.Contains(threadId))
        {
            _threads.Add(threadId);
        }

        var widget = outcome.Events.LastOrDefault(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "widget");
        if (widget is not null)
        {
            _widgets[threadId] = widget["item"]!["id"]!.GetValue<string>();
        }
    }

    private async Task<JsonNode?> JsonAsync(string body)
    {
        Requests++;
        var outcome = await _client.PostAsync(body);
        if (outcome.Status != HttpStatusCode.OK || outcome.Json is null)
        {
            Failures.Add($"{body[..Math.Min(body.Length, 120)]} -> {outcome.Describe()}");
        }

        return outcome.Json;
    }

    public void Dispose() => _client.Dispose();
}
