namespace ChatKit.Blazor;

/// <summary>What choosing a <c>/</c> command does: insert an entity tag or open a sub-menu (nothing: just close the menu).</summary>
public sealed record CommandResult
{
    private CommandResult(string type, ChatKitEntity? entity, IReadOnlyList<ChatKitCommand>? commands)
    {
        Type = type;
        Entity = entity;
        Commands = commands;
    }

    /// <summary><c>entity</c> or <c>menu</c>.</summary>
    public string Type { get; }

    /// <summary>The entity to insert.</summary>
    public ChatKitEntity? Entity { get; }

    /// <summary>The sub-menu.</summary>
    public IReadOnlyList<ChatKitCommand>? Commands { get; }

    /// <summary>Inserts <paramref name="entity"/> as a tag in place of the typed command.</summary>
    public static CommandResult InsertEntity(ChatKitEntity entity) => new("entity", entity ?? throw new ArgumentNullException(nameof(entity)), null);

    /// <summary>Replaces the menu with <paramref name="commands"/>.</summary>
    public static CommandResult Menu(IReadOnlyList<ChatKitCommand> commands) => new("menu", null, commands ?? throw new ArgumentNullException(nameof(commands)));
}
