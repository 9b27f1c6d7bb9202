namespace ChatKit.Stores;

/// <summary>
/// A request context that names its user. Stores built into ChatKit isolate data per <see cref="UserId"/> when the
/// context implements this (or when given an explicit user selector).
/// </summary>
public interface IUserContext
{
    /// <summary>The signed-in user's stable id.</summary>
    string UserId { get; }
}

/// <summary>Extracts the user id that scopes stored data from a request context.</summary>
public static class UserScope
{
    /// <summary>
    /// The default selector: <see cref="IUserContext.UserId"/>. A context type that does not implement
    /// <see cref="IUserContext"/> is refused here, when the store is built, rather than silently putting every user's
    /// data in one shared scope; pass an explicit selector, or <see cref="SingleUser{TContext}"/> for an application
    /// that really has one user.
    /// </summary>
    /// <exception cref="InvalidOperationException"><typeparamref name="TContext"/> does not implement <see cref="IUserContext"/>.</exception>
    public static Func<TContext, string> Default<TContext>()
    {
        if (!typeof(IUserContext).IsAssignableFrom(typeof(TContext)))
        {
            throw new InvalidOperationException(
                $"The request context type '{typeof(TContext).Name}' does not implement IUserContext, so a store cannot tell its users apart. " +
                "Implement IUserContext on it, pass a userSelector to the store, or pass UserScope.SingleUser<TContext>() if the application has exactly one user.");
        }

        return static context => context is IUserContext { UserId: { Length: > 0 } id }
            ? id
            : throw new InvalidOperationException("The request context has no user id; every request must name its user.");
    }

    /// <summary>One scope shared by every request: only for applications with a single user.</summary>
    public static Func<TContext, string> SingleUser<TContext>() => static _ => string.Empty;
}
