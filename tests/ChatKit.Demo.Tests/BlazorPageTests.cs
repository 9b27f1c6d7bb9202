using System.Net;

namespace ChatKit.Demo.Tests;

/// <summary>The Blazor pages prerender, and their scripts are served also when a test hosts the demo.</summary>
public sealed class BlazorPageTests : IAsyncLifetime
{
    private DemoHost _host = null!;

    public async Task InitializeAsync() => _host = await DemoHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("blazor")]
    [InlineData("blazor-wasm")]
    public async Task The_page_prerenders_a_placeholder_without_the_element(string path)
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var html = await http.GetStringAsync(path);
        Assert.Contains("data-chatkit-placeholder", html);
        Assert.DoesNotContain("<openai-chatkit", html);
        Assert.Contains("_framework/blazor.web.js", html);
    }

    [Theory]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("_content/ChatKit.Blazor/chatkit-blazor.js")]
    public async Task The_scripts_are_served(string path)
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_static_pages_still_work()
    {
        using var http = new HttpClient { BaseAddress = _host.BaseAddress };
        Assert.Contains("<openai-chatkit", await http.GetStringAsync("/"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("react.html")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("hosted.html")).StatusCode);
    }
}
