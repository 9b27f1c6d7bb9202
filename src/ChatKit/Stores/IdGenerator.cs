using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ChatKit.Stores;

/// <summary>Default ids: <c>prefix_</c> plus 16 random lowercase hex digits.</summary>
/// <remarks>The reference uses 8 hex digits (32 bits), which collides at scale; 64 bits keeps the same shape.</remarks>
public static class IdGenerator
{
    /// <summary>The prefix of a kind, e.g. <c>msg</c>.</summary>
    public static string Prefix(StoreItemKind kind) => kind switch
    {
        StoreItemKind.Thread => "thr",
        StoreItemKind.Message => "msg",
        StoreItemKind.ToolCall => "tc",
        StoreItemKind.Task => "tsk",
        StoreItemKind.Workflow => "wf",
        StoreItemKind.Attachment => "atc",
        StoreItemKind.SdkHiddenContext => "shcx",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>A new random id for <paramref name="kind"/>.</summary>
    public static string New(StoreItemKind kind) => New(Prefix(kind));

    /// <summary>A new random id with <paramref name="prefix"/>.</summary>
    public static string New(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var random = NextRandom();
        return string.Create(prefix.Length + 1 + 16, (prefix, random), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            span[state.prefix.Length] = '_';
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, state.random);
            Convert.TryToHexStringLower(bytes, span[(state.prefix.Length + 1)..], out _);
        });
    }

    // Eight bytes from the cryptographic generator, drawn from a per-thread block: one call into the generator per
    // 32 ids instead of per id (it was a sixth of a turn's fixed cost). Used bytes are wiped.
    private static ulong NextRandom()
    {
        var block = t_random;
        if (block is null)
        {
            block = t_random = new byte[RandomBlockBytes];
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }
        else if (t_used == RandomBlockBytes)
        {
            RandomNumberGenerator.Fill(block);
            t_used = 0;
        }

        var bytes = block.AsSpan(t_used, 8);
        var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        bytes.Clear();
        t_used += 8;
        return value;
    }

    private const int RandomBlockBytes = 256;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_used;
}
