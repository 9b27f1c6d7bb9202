using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore.Security;

/// <summary>Rejects anonymous-cookie settings that cannot work, at start rather than on the first request.</summary>
internal sealed class ChatKitAnonymousUserOptionsValidator : IValidateOptions<ChatKitAnonymousUserOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatKitAnonymousUserOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CookieName))
        {
            failures.Add("ChatKit:AnonymousUsers:CookieName must not be empty.");
        }

        if (options.CookieLifetime <= TimeSpan.Zero)
        {
            failures.Add("ChatKit:AnonymousUsers:CookieLifetime must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
