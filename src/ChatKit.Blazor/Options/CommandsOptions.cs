namespace ChatKit.Blazor;

/// <summary><c>/</c> commands in the composer. Search and select handlers are parameters of the <see cref="ChatKit"/> component.</summary>
/// <param name="Enabled">Typing <c>/</c> opens the command menu.</param>
public sealed record CommandsOptions(bool Enabled);
