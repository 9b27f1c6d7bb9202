using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;

namespace ChatKit.Tests.Stores;

public sealed class IdGeneratorTests
{
    [Fact]
    public void Ids_are_the_prefix_and_16_hex_digits_and_stay_unique_across_random_blocks()
    {
        // Far more ids than one per-thread block of random bytes holds (32), on several threads at once.
        var ids = new ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                ids.Add(IdGenerator.New(StoreItemKind.Message));
            }
        });

        Assert.Equal(16_000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(new Regex("^msg_[0-9a-f]{16}$"), id));
    }

    [Fact]
    public void Every_hex_digit_position_varies()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => IdGenerator.New("thr")).ToList();
        for (var position = 4; position < 20; position++)
        {
            Assert.True(ids.Select(id => id[position]).Distinct().Count() > 4, $"position {position} hardly varies");
        }
    }

    [Fact]
    public void Time_ordered_ids_are_the_prefix_and_32_hex_digits_and_sort_by_their_millisecond()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(IdGenerator.NewTimeOrdered(StoreItemKind.Thread));
            TimeOrderedThreadIds.NextMillisecond();
        }

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.All(ids, id => Assert.Matches(new Regex("^thr_[0-9a-f]{32}$"), id));
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(ids, id =>
        {
            // The first 12 digits are the creation time in Unix milliseconds.
            var milliseconds = long.Parse(id.AsSpan(4, 12), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(milliseconds, before, after);
        });
    }

    [Fact]
    public void Time_ordered_ids_made_in_the_same_millisecond_stay_unique()
    {
        var ids = new ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                ids.Add(IdGenerator.NewTimeOrdered("run"));
            }
        });

        Assert.Equal(16_000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("run_", id, StringComparison.Ordinal));
        Assert.Throws<ArgumentNullException>(() => IdGenerator.NewTimeOrdered((string)null!));
    }
}
