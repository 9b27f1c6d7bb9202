using static ChatKit.AspNetCore.Tests.Security.SecurityHost;

namespace ChatKit.AspNetCore.Tests.Security;

/// <summary>Protocol POSTs must be JSON: HTML forms on other sites cannot send that without a CORS preflight.</summary>
public sealed class ContentTypeTests
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/jsonp")]
    public async Task A_body_that_is_not_json_is_415_and_the_server_keeps_serving(string? contentType)
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();

        var (status, body) = await PostAsync(browser, ListThreads, contentType);

        Assert.Equal(415, status);
        Assert.Equal("unsupported_media_type", ErrorCode(body));
        var (after, _) = await PostAsync(browser, ListThreads);
        Assert.Equal(200, after);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=UTF-8")]
    public async Task Json_with_or_without_charset_is_served(string contentType)
    {
        await using var host = await StartAsync();
        using var browser = host.NewBrowser();

        var (status, body) = await PostAsync(browser, ListThreads, contentType);

        Assert.Equal(200, status);
        Assert.NotNull(body!["data"]);
    }

    [Fact]
    public async Task The_check_can_be_turned_off()
    {
        await using var host = await StartAsync(o => o.RequireJsonContentType = false);
        using var browser = host.NewBrowser();

        var (status, _) = await PostAsync(browser, ListThreads, "text/plain");

        Assert.Equal(200, status);
    }
}
