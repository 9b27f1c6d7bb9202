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
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(prefix.Length + 1 + 16, (prefix, bytes.ToArray()), static (span, state) =>
        {
            state.prefix.AsSpan().CopyTo(span);
            span[state.prefix.Length] = '_';
            Convert.TryToHexStringLower(state.Item2, span[(state.prefix.Length + 1)..], out _);
        });
    }
}
