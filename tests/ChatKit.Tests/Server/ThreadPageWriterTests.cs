using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Server;
using ChatKit.Stores;

namespace ChatKit.Tests.Server;

public sealed class ThreadPageWriterTests
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Threads_list_bytes_equal_the_serializer_for_every_shape_of_thread()
    {
        var threads = new List<ThreadMetadata>();
        var statuses = new[]
        {
            ThreadStatus.Active, ThreadStatus.Locked(), ThreadStatus.Locked("Locked \"for\" review"), ThreadStatus.Closed(), ThreadStatus.Closed("Done ✓"),
        };
        string?[] titles = [null, "plain", "Ünïcode 😀", "\"quoted\" \\ back\nline\u0001\u2028", "<script>&amp;", ""];
        List<string>?[] domains = [null, [], ["example.com", "img.example.org"]];
        var n = 0;
        foreach (var status in statuses)
        {
            foreach (var title in titles)
            {
                foreach (var domain in domains)
                {
                    threads.Add(new ThreadMetadata
                    {
                        Id = $"thr_{n}",
                        CreatedAt = (n % 3) switch
                        {
                            0 => T0.AddTicks(n * 10),
                            1 => new DateTimeOffset(2025, 6, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddMilliseconds(n),
                            _ => T0.AddSeconds(n),
                        },
                        Title = title,
                        Status = status,
                        AllowedImageDomains = domain,
                        Metadata = new JsonObject { ["private"] = n },
                    });
                    n++;
                }
            }
        }

        foreach (var (hasMore, after) in new[] { (false, (string?)null), (true, "thr_\"odd\"") })
        {
            var page = new Page<ThreadMetadata> { Data = threads, HasMore = hasMore, After = after };
            var expected = JsonSerializer.SerializeToUtf8Bytes(page.Map(t => t.ToResponse()), ChatKitJson.Wire.PageChatThread);
            var actual = ThreadPageWriter.Page(page).ToArray();
            Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
            Assert.DoesNotContain("private", Encoding.UTF8.GetString(actual), StringComparison.Ordinal);
        }

        var empty = new Page<ThreadMetadata> { Data = [] };
        Assert.Equal(
            JsonSerializer.SerializeToUtf8Bytes(empty.Map(t => t.ToResponse()), ChatKitJson.Wire.PageChatThread),
            ThreadPageWriter.Page(empty).ToArray());
    }
}
