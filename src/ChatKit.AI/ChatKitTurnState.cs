using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ChatKit.AI;

/// <summary>
/// The app's own state for one turn, shared by every tool of the turn (the .NET counterpart of subclassing the
/// reference's agent context): values are kept by their type, so each app type is one slot with typed access and no
/// casts at the call site. Seed it in <see cref="ChatClientResponder.InitializeTurnStateAsync{TContext}"/>; read and
/// change it from tools through <see cref="ChatKitToolContext.State"/>.
/// </summary>
/// <remarks>
/// A type-keyed bag rather than a generic context type parameter: the tool context is reached from any tool through
/// <see cref="ChatKitToolContext.Current"/>, and a second type parameter would have to be repeated at every such call.
/// Request-scoped data that exists before the turn belongs in the server's request context (<c>TContext</c>) instead.
/// Safe for tools that run concurrently.
/// </remarks>
public sealed class ChatKitTurnState
{
    private readonly ConcurrentDictionary<Type, object> _values = new();

    /// <summary>Stores <paramref name="value"/> as the turn's <typeparamref name="T"/>, replacing any earlier one.</summary>
    public void Set<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        _values[typeof(T)] = value;
    }

    /// <summary>The turn's <typeparamref name="T"/>.</summary>
    /// <exception cref="KeyNotFoundException">The turn has none (seed it in <see cref="ChatClientResponder.InitializeTurnStateAsync{TContext}"/>).</exception>
    public T Get<T>()
        where T : class =>
        TryGet<T>(out var value)
            ? value
            : throw new KeyNotFoundException($"The turn has no state of type {typeof(T).FullName}. Set it in ChatClientResponder.InitializeTurnStateAsync or with ChatKitTurnState.Set.");

    /// <summary>The turn's <typeparamref name="T"/>, if it has one.</summary>
    public bool TryGet<T>([NotNullWhen(true)] out T? value)
        where T : class
    {
        value = _values.TryGetValue(typeof(T), out var stored) ? (T)stored : null;
        return value is not null;
    }

    /// <summary>The turn's <typeparamref name="T"/>, created by <paramref name="create"/> on first use (with concurrent tools, the first value stored wins).</summary>
    public T GetOrAdd<T>(Func<T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(create);
        return (T)_values.GetOrAdd(typeof(T), static (_, factory) => factory(), create);
    }

    /// <summary>Removes the turn's <typeparamref name="T"/>; true when there was one.</summary>
    public bool Remove<T>()
        where T : class => _values.TryRemove(typeof(T), out _);
}
