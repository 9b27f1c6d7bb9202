using System.Text;
using System.Text.Json.Nodes;
using ChatKit.Json;
using ChatKit.Stores;
using ChatKit.Testing.StoreConformance;
using Npgsql;

namespace ChatKit.Postgres.Tests;

/// <summary>The JSON pages of <see cref="PostgresStore{TContext}"/>: stored text passed through, and the column that marks it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresJsonSourceTests(PostgresServer server)
{
    private static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private string Database => server.DatabaseFor(nameof(PostgresJsonSourceTests));

    [Fact]
    public async Task A_json_page_is_the_stored_text_as_postgres_returns_it()
    {
        await using var store = new PostgresStore<StoreTestContext>(Database);
        var user = StoreTestContext.NewUser();
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, user);
        await store.AddThreadItemAsync("thr_1", Message("msg_plain", "ünïcode \"quoted\""), user);
        await store.AddThreadItemAsync("thr_1", Message("msg_nul", "a\u0000b"), user); // jsonb cannot hold it: kept as text

        var page = await store.LoadThreadItemsJsonAsync("thr_1", null, 10, SortOrder.Asc, user);

        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, COALESCE(data::text, raw) FROM chatkit.items WHERE user_id = $1 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
        await using var reader = await command.ExecuteReaderAsync();
        var i = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(reader.GetString(0), page.Data[i].Id);
            Assert.Equal(reader.GetString(1), Encoding.UTF8.GetString(page.Data[i].Json.Span));
            i++;
        }

        Assert.Equal(2, i);
        Assert.Equal("a\u0000b", ((AssistantMessageItem)ChatKitJson.DeserializeStoredItem(page.Data[1].Json.Span)).Content[0].Text);
        Assert.All(page.Data, item => Assert.True(item.IsClientJson));
    }

    [Fact]
    public async Task Items_with_private_attachment_metadata_are_not_client_json_and_rows_from_before_the_column_are_converted()
    {
        await using var store = new PostgresStore<StoreTestContext>(Database);
        var user = StoreTestContext.NewUser();
        await store.SaveThreadAsync(new ThreadMetadata { Id = "thr_1", CreatedAt = T0 }, user);
        var withMetadata = new UserMessageItem
        {
            Id = "msg_private",
            ThreadId = "thr_1",
            CreatedAt = T0,
            Content = [new UserMessageTextContent { Text = "see file" }],
            Attachments = [new FileAttachment { Id = "atc_1", Name = "a.txt", MimeType = "text/plain", Metadata = new JsonObject { ["blob_key"] = "secret" } }],
        };
        await store.AddThreadItemAsync("thr_1", withMetadata, user);
        await store.AddThreadItemAsync("thr_1", Message("msg_old", "written before the column"), user);

        // A row written by a build that predates the column has the column's default.
        await using (var connection = new NpgsqlConnection(Database))
        {
            await connection.OpenAsync();
            await using var reset = new NpgsqlCommand("UPDATE chatkit.items SET client_json = DEFAULT WHERE user_id = $1 AND id = 'msg_old'", connection);
            reset.Parameters.Add(new NpgsqlParameter { Value = user.UserId });
            Assert.Equal(1, await reset.ExecuteNonQueryAsync());
        }

        var page = await store.LoadThreadItemsJsonAsync("thr_1", null, 10, SortOrder.Asc, user);
        Assert.False(page.Data.Single(i => i.Id == "msg_private").IsClientJson);
        Assert.False(page.Data.Single(i => i.Id == "msg_old").IsClientJson);
    }

    private static AssistantMessageItem Message(string id, string text) => new()
    {
        Id = id,
        ThreadId = "thr_1",
        CreatedAt = T0,
        Content = [new AssistantMessageContent { Text = text }],
    };
}
