using System.Buffers;

namespace ChatKit.Server;

/// <summary>
/// The bytes a stream's text-delta frames start with, up to the content index: the same for every delta of one
/// message, so they are written once per message and copied for the others. Kept with the stream's frame buffer,
/// which returns its memory to the pool.
/// </summary>
internal sealed class TextDeltaFramePrefix : IDisposable
{
    private string? _itemId;
    private byte[] _bytes = [];
    private int _length;

    /// <summary>The remembered prefix when it was written for <paramref name="itemId"/>.</summary>
    public bool TryGet(string itemId, out ReadOnlySpan<byte> prefix)
    {
        // Usually the very string of the last delta; a model that builds the id anew each time still matches.
        if (ReferenceEquals(itemId, _itemId) || string.Equals(itemId, _itemId, StringComparison.Ordinal))
        {
            prefix = _bytes.AsSpan(0, _length);
            return true;
        }

        prefix = default;
        return false;
    }

    public void Remember(string itemId, ReadOnlySpan<byte> prefix)
    {
        if (_bytes.Length < prefix.Length)
        {
            Return();
            _bytes = ArrayPool<byte>.Shared.Rent(prefix.Length);
        }

        prefix.CopyTo(_bytes);
        _length = prefix.Length;
        _itemId = itemId;
    }

    public void Dispose()
    {
        Return();
        _itemId = null;
        _length = 0;
    }

    private void Return()
    {
        var bytes = _bytes;
        _bytes = [];
        if (bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
