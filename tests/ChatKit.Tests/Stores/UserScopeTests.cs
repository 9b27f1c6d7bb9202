using ChatKit.Stores;
using ChatKit.Tests.Support;

namespace ChatKit.Tests.Stores;

/// <summary>A context that cannot name its user never silently shares one scope among all users.</summary>
public sealed class UserScopeTests
{
    private sealed record AnonymousContext(string Name);

    [Fact]
    public void A_store_refuses_a_context_type_without_a_user_at_construction()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new InMemoryStore<AnonymousContext>());
        Assert.Contains("IUserContext", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(AnonymousContext), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_user_scope_is_an_explicit_choice()
    {
        var store = new InMemoryStore<AnonymousContext>(UserScope.SingleUser<AnonymousContext>());
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = DateTimeOffset.UnixEpoch }, new AnonymousContext("a"));
        Assert.Equal("thr_1", (await store.LoadThreadAsync("thr_1", new AnonymousContext("b"))).Id);
    }

    [Fact]
    public async Task A_context_with_an_empty_user_id_is_refused()
    {
        var store = new InMemoryStore<TestContext>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.LoadThreadsAsync(10, null, SortOrder.Desc, new TestContext("")).AsTask());
    }
}
