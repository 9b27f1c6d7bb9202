using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ChatKit.Stores;

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
}
