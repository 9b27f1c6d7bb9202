namespace ChatKit.Widgets.Templates.Jinja;

/// <summary>A Python-style runtime error without position; the evaluating node adds the position.</summary>
internal sealed class PyTypeError(string message) : Exception(message);
