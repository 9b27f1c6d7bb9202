using System.Net;
using System.Text;
using System.Text.Json;

namespace ChatKit.AspNetCore.Tests.Hosting;

/// <summary>What the web component loads beside its script: the locale tables and single Lucide icons.</summary>
public sealed class WebComponentAssetTests
{
    private const string CreateThread = """{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"hi"}],"attachments":[],"inference_options":{}}}}""";

    [Fact]
    public async Task Every_non_English_locale_table_is_served_as_JSON_with_an_ETag()
    {
        await using var app = BuilderHost.Build(new() { ["ChatKit:AllowAnonymousUsers"] = "true" });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = BuilderHost.AddressOf(app) };

        // One table per locale the element translates besides English (the bundle carries English itself).
        Assert.Equal(62, LocaleTableAssets.FileNames.Count);
        Assert.DoesNotContain("en.json", LocaleTableAssets.FileNames);

        var fr = await http.GetAsync("chatkit/locales/fr.json");
        Assert.Equal(HttpStatusCode.OK, fr.StatusCode);
        Assert.Equal("application/json", fr.Content.Headers.ContentType?.MediaType);
        using (var doc = JsonDocument.Parse(await fr.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Envoyer le message", doc.RootElement.GetProperty("send").GetString());
        }

        using (var hant = JsonDocument.Parse(await http.GetStringAsync("chatkit/locales/zh-Hant.json")))
        {
            Assert.Equal("傳送訊息", hant.RootElement.GetProperty("send").GetString());
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "chatkit/locales/fr.json");
        conditional.Headers.IfNoneMatch.Add(fr.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(conditional)).StatusCode);
    }

    [Theory]
    [InlineData("chatkit/locales/xx.json")]
    [InlineData("chatkit/locales/en.json")]
    [InlineData("chatkit/locales/..%2Fchatkit.js")]
    [InlineData("chatkit/locales/fr")]
    [InlineData("chatkit/icons/lucide/no-such-icon.json")]
    [InlineData("chatkit/icons/lucide/arrow-right")]
    [InlineData("chatkit/icons/lucide/..%2F..%2Fchatkit.js")]
    public async Task Unknown_assets_are_a_JSON_404_and_the_server_keeps_serving(string path)
    {
        await using var app = BuilderHost.Build(new() { ["ChatKit:AllowAnonymousUsers"] = "true" });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = BuilderHost.AddressOf(app) };

        var missing = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("not_found", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var ok = await http.PostAsync("chatkit", new StringContent(CreateThread, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("chatkit/locales/de.json")).StatusCode);
    }

    [Fact]
    public async Task A_Lucide_icon_is_served_alone_as_its_list_of_SVG_elements()
    {
        await using var app = BuilderHost.Build(new() { ["ChatKit:AllowAnonymousUsers"] = "true" });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = BuilderHost.AddressOf(app) };

        Assert.True(LucideIconAssets.Count > 1500, $"only {LucideIconAssets.Count} icons embedded");
        var res = await http.GetAsync("chatkit/icons/lucide/arrow-right.json");
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var doc = JsonDocument.Parse(await res.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        foreach (var element in doc.RootElement.EnumerateArray())
        {
            Assert.Contains(element[0].GetString(), new[] { "path", "circle", "rect", "line", "polyline", "polygon", "ellipse" });
            Assert.Equal(JsonValueKind.Object, element[1].ValueKind);
        }

        Assert.NotNull(res.Headers.ETag);
    }
}
