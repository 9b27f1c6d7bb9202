using ChatKit.Stores;

namespace ChatKit.Testing.StoreConformance;

/// <summary>The request context used by the store conformance suite: just a user.</summary>
/// <param name="UserId">The user whose data the store scopes.</param>
public sealed record StoreTestContext(string UserId) : IUserContext
{
    /// <summary>A context for a fresh random user, so tests sharing one database never see each other's data.</summary>
    public static StoreTestContext NewUser(string label = "user") => new($"{label}_{Guid.NewGuid():N}");
}
