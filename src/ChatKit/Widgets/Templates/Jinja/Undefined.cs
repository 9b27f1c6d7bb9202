namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>
/// The value of a missing variable, attribute or item. With strict-undefined semantics any use other than
/// <c>is defined</c>, <c>is undefined</c>, <c>is none</c> or the <c>default</c> filter is an error, reported at
/// <see cref="Position"/> (where the missing name was looked up) with <see cref="Message"/>.
/// </summary>
internal sealed class Undefined(string message, int position, bool isLenient = false)
{
    /// <summary>A non-strict undefined (the missing <c>else</c> of a conditional expression): prints as nothing, is falsy.</summary>
    public bool IsLenient { get; } = isLenient;

    public string Message { get; } = message;

    public int Position { get; } = position;
}
