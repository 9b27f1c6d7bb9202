using ChatKit.AspNetCore.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace ChatKit.AspNetCore.Tests.Security;

/// <summary>The security options are plain classes that bind from configuration.</summary>
public sealed class OptionsBindingTests
{
    [Fact]
    public void Every_setting_binds_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:PublicBaseUrl"] = "https://chat.example.com",
            ["Security:AllowedHosts:0"] = "chat.example.com",
            ["Security:AllowedOrigins:0"] = "https://app.example.com",
            ["Security:RequireJsonContentType"] = "false",
            ["Security:RejectCrossSiteRequests"] = "false",
            ["AnonymousUsers:CookieName"] = "x.uid",
            ["AnonymousUsers:CookieLifetime"] = "7.00:00:00",
            ["AnonymousUsers:CookieSecure"] = "Always",
        }).Build();
        var security = new ChatKitSecurityOptions();
        var cookie = new ChatKitAnonymousUserOptions();

        configuration.GetSection("Security").Bind(security);
        configuration.GetSection("AnonymousUsers").Bind(cookie);

        Assert.Equal("https://chat.example.com", security.PublicBaseUrl);
        Assert.Contains("chat.example.com", security.AllowedHosts);
        Assert.Contains("localhost", security.AllowedHosts);
        Assert.Equal(["https://app.example.com"], security.AllowedOrigins);
        Assert.False(security.RequireJsonContentType);
        Assert.False(security.RejectCrossSiteRequests);
        Assert.Equal("x.uid", cookie.CookieName);
        Assert.Equal(TimeSpan.FromDays(7), cookie.CookieLifetime);
        Assert.Equal(CookieSecurePolicy.Always, cookie.CookieSecure);
    }

    [Fact]
    public void The_defaults_are_the_safe_ones()
    {
        var security = new ChatKitSecurityOptions();
        var cookie = new ChatKitAnonymousUserOptions();

        Assert.Null(security.PublicBaseUrl);
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], security.AllowedHosts);
        Assert.Empty(security.AllowedOrigins);
        Assert.True(security.RequireJsonContentType);
        Assert.True(security.RejectCrossSiteRequests);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, cookie.CookieSecure);
    }
}
