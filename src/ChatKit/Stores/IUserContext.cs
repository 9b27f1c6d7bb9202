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
    /// The default selector: <see cref="IUserContext.UserId"/> when the context implements it, otherwise one shared
    /// scope (a single-user application).
    /// </summary>
    public static Func<TContext, string> Default<TContext>() =>
        static context => context is IUserContext user ? user.UserId ?? string.Empty : string.Empty;
}
