using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ChatKit.LoadTest;

/// <summary>What one request saw.</summary>
public readonly record struct RequestResult(long StartTicks, long FirstEventTicks, long EndTicks, int Events, long Bytes);

/// <summary>An HTTP/1.1 client with a raw SSE reader: counts frames (<c>\n\n</c>) without parsing JSON.</summary>
public sealed class LoadClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    public LoadClient()
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    private static HttpRequestMessage NewRequest(Uri endpoint, byte[] body, string floorKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.TryAddWithoutValidation("X-Floor", floorKey);
        return request;
    }

    /// <summary>POSTs and reads the whole SSE stream.</summary>
    public async Task<RequestResult> StreamAsync(Uri endpoint, byte[] body, string floorKey, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = NewRequest(endpoint, body, floorKey);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var counter = new FrameCounter();
        var buffer = new byte[16 * 1024];
        long first = 0, bytes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            bytes += read;
            if (counter.Add(buffer.AsSpan(0, read)) > 0 && first == 0)
            {
                first = Stopwatch.GetTimestamp();
            }
        }

        return new RequestResult(start, first, Stopwatch.GetTimestamp(), counter.Frames, bytes);
    }

    /// <summary>POSTs and reads the whole body (a JSON request).</summary>
    public async Task<RequestResult> JsonAsync(Uri endpoint, byte[] body, string floorKey, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var request = NewRequest(endpoint, body, floorKey);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var bytes = response.Content.Headers.ContentLength ?? 0;
        var end = Stopwatch.GetTimestamp();
        return new RequestResult(start, end, end, 1, bytes);
    }

    /// <summary>POSTs and returns the raw body (used to capture the floor's canned bytes).</summary>
    public async Task<byte[]> RawAsync(Uri endpoint, byte[] body, CancellationToken cancellationToken, string floorKey = "")
    {
        using var request = NewRequest(endpoint, body, floorKey);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Opens a stream and reads until a frame containing <paramref name="marker"/> arrives; the open stream is returned
    /// (dispose it, or cancel <paramref name="cancellationToken"/>, to close the connection).
    /// </summary>
    public async Task<(HttpResponseMessage Response, Stream Body, RequestResult Result, List<byte[]> Frames)> OpenAsync(
        Uri endpoint, byte[] body, string floorKey, string marker, bool keepFrames, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var request = NewRequest(endpoint, body, floorKey);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var markerBytes = Encoding.UTF8.GetBytes(marker);
        var pending = new List<byte>();
        var frames = new List<byte[]>();
        var buffer = new byte[4096];
        long first = 0, bytes = 0;
        var count = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidOperationException("The idle stream ended early.");
            }

            bytes += read;
            pending.AddRange(buffer.AsSpan(0, read));
            var done = false;
            while (IndexOfFrameEnd(pending) is var end && end >= 0)
            {
                var frame = pending.GetRange(0, end + 2).ToArray();
                pending.RemoveRange(0, end + 2);
                count++;
                if (first == 0)
                {
                    first = Stopwatch.GetTimestamp();
                }

                if (keepFrames)
                {
                    frames.Add(frame);
                }

                done |= frame.AsSpan().IndexOf(markerBytes) >= 0;
            }

            if (done)
            {
                return (response, stream, new RequestResult(start, first, Stopwatch.GetTimestamp(), count, bytes), frames);
            }
        }
    }

    private static int IndexOfFrameEnd(List<byte> bytes)
    {
        for (var i = 0; i + 1 < bytes.Count; i++)
        {
            if (bytes[i] == (byte)'\n' && bytes[i + 1] == (byte)'\n')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits a captured SSE body into its frames (each ending with the blank line).</summary>
    public static byte[][] SplitFrames(byte[] body)
    {
        var frames = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < body.Length; i++)
        {
            if (body[i] == (byte)'\n' && body[i + 1] == (byte)'\n')
            {
                frames.Add(body[start..(i + 2)]);
                start = i + 2;
                i++;
            }
        }

        if (start != body.Length)
        {
            throw new InvalidOperationException("The captured stream does not end with a complete frame.");
        }

        return [.. frames];
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Counts <c>\n\n</c> frame ends across reads.</summary>
    private struct FrameCounter
    {
        private bool _lastWasNewline;

        public int Frames { get; private set; }

        /// <summary>Returns the frames completed by this chunk.</summary>
        public int Add(ReadOnlySpan<byte> chunk)
        {
            var before = Frames;
            foreach (var b in chunk)
            {
                if (b == (byte)'\n')
                {
                    if (_lastWasNewline)
                    {
                        Frames++;
                        _lastWasNewline = false;
                        continue;
                    }

                    _lastWasNewline = true;
                }
                else
                {
                    _lastWasNewline = false;
                }
            }

            return Frames - before;
        }
    }
}
