using System.Globalization;
using ChatKit.OpenAI.Sessions;

namespace ChatKit.OpenAI.Tests.Sessions;

public sealed class ChatKitRetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    private static TimeSpan? Read(params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return ChatKitRetryAfter.Read(response.Headers, Now);
    }

    [Fact]
    public void Reads_seconds_fractional_seconds_and_milliseconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Read(("Retry-After", "2")));
        Assert.Equal(TimeSpan.FromSeconds(2.5), Read(("Retry-After", "2.5")));
        Assert.Equal(TimeSpan.FromMilliseconds(250), Read(("retry-after-ms", "250")));
    }

    [Fact]
    public void Reads_an_HTTP_date_relative_to_now()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), Read(("Retry-After", Now.AddSeconds(90).ToString("r", CultureInfo.InvariantCulture))));
        Assert.Equal(TimeSpan.Zero, Read(("Retry-After", Now.AddSeconds(-90).ToString("r", CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Ignores_absent_or_garbage_values_and_clamps_negatives()
    {
        Assert.Null(Read());
        Assert.Null(Read(("Retry-After", "soon")));
        Assert.Equal(TimeSpan.FromSeconds(3), Read(("retry-after-ms", "NaN"), ("Retry-After", "3")));
        Assert.Equal(TimeSpan.Zero, Read(("Retry-After", "-4")));
    }
}
