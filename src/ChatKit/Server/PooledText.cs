using System.Buffers;

namespace ChatKit.Server;

/// <summary>
/// Text accumulated from streamed deltas in arrays rented from the shared pool, so a long answer leaves no garbage
/// behind (a <see cref="System.Text.StringBuilder"/> allocated a new, ever larger chunk as the answer grew).
/// </summary>
internal sealed class PooledText : IDisposable
{
    private char[] _chars = ArrayPool<char>.Shared.Rent(256);
    private int _length;

    public int Length => _length;

    public void Append(string text)
    {
        if (text.Length > _chars.Length - _length)
        {
            Grow(_length + text.Length);
        }

        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
    }

    public void Clear() => _length = 0;

    public override string ToString() => new(_chars, 0, _length);

    public void Dispose()
    {
        var chars = _chars;
        _chars = [];
        _length = 0;
        if (chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private void Grow(int needed)
    {
        var bigger = ArrayPool<char>.Shared.Rent(Math.Max(needed, _chars.Length * 2));
        _chars.AsSpan(0, _length).CopyTo(bigger);
        if (_chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(_chars);
        }

        _chars = bigger;
    }
}
