using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Reliability.Tests.Hosting;
using ChatKit.Testing.Http;
using Xunit.Abstractions;

namespace ChatKit.Reliability.Tests.Faults;

/// <summary>The client goes away at random points of a streamed answer.</summary>
public sealed class DisconnectTests(ITestOutputHelper output) : IAsyncLifetime
{
    private ReliabilityHost _host = null!;

    // A paced answer (about 70 words) so that a cut can land anywhere in it.
    public async Task InitializeAsync() => _host = await ReliabilityHost.StartAsync(chunkDelay: TimeSpan.FromMilliseconds(4));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_client_leaving_at_any_point_of_a_stream_leaves_what_it_saw_done_stored_and_the_thread_free()
    {
        var random = new Random();
        var seed = random.Next();
        random = new Random(seed);
        const int cuts = 16;
        var cutPoints = new List<int>();
        for (var i = 0; i < cuts; i++)
        {
            using var client = new RawClient(_host.Endpoint);
            var threadId = await Turns.StartThreadAsync(client);
            // Cuts land anywhere from before the first event to the last ones; every fourth one is a new thread.
            var cutAfter = random.Next(0, 80);
            cutPoints.Add(cutAfter);
            var body = i % 4 == 0 ? ChatKitRequests.CreateThread("a new one") : ChatKitRequests.AddUserMessage(threadId, "tell me more");
            var seen = await ReadThenLeaveAsync(body, client.Cookies, cutAfter);
            var why = $"seed {seed}, cut {i} after {cutAfter} events ({seen.Count} read)";
            var target = seen.FirstOrDefault(e => (string?)e["type"] == "thread.created")?["thread"]?["id"]?.GetValue<string>() ?? threadId;
            var done = seen.Where(e => (string?)e["type"] == "thread.item.done").Select(e => e["item"]!["id"]!.GetValue<string>()).ToList();
            await AfterFault.AssertThreadRecoveredAsync(client, target, done, why);
        }

        SuiteReport.Write(output, $"disconnects: {cuts} streams cut after {string.Join(",", cutPoints)} events (seed {seed})");
    }

    private async Task<List<JsonObject>> ReadThenLeaveAsync(string body, System.Net.CookieContainer cookies, int cutAfter)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var seen = new List<JsonObject>();
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            // At 0 the client leaves right after the headers, before reading any event.
            if (cutAfter > 0)
            {
                await using var stream = await response.Content.ReadAsStreamAsync();
                await foreach (var e in SseReader.ReadAsync(stream))
                {
                    seen.Add(e);
                    if (seen.Count >= cutAfter)
                    {
                        break;
                    }
                }
            }
        }

        // Disposing the response and the client closes the connection: Kestrel sees the client gone.
        return seen;
    }
}
