using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Tests.Sessions;

/// <summary>Signs the request in as the user named by <c>X-Test-User</c> (a NameIdentifier claim) or <c>X-Test-Sub</c> (a <c>sub</c> claim).</summary>
public sealed class TestAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var claims = new List<Claim>();
        if (Request.Headers.TryGetValue("X-Test-User", out var user))
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.ToString()));
        }

        if (Request.Headers.TryGetValue("X-Test-Sub", out var sub))
        {
            claims.Add(new Claim("sub", sub.ToString()));
        }

        if (Request.Headers.TryGetValue("X-Test-Tenant", out var tenant))
        {
            claims.Add(new Claim("tenant", tenant.ToString()));
        }

        if (claims.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
