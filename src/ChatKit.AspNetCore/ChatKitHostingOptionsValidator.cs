using Microsoft.Extensions.Options;

namespace ChatKit.AspNetCore;

/// <summary>Rejects hosting settings that cannot work, at start rather than on the first request.</summary>
internal sealed class ChatKitHostingOptionsValidator : IValidateOptions<ChatKitHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatKitHostingOptions options)
    {
        var failures = new List<string>();
        if (options.UserIdClaimTypes.Count == 0 || options.UserIdClaimTypes.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("ChatKit:UserIdClaimTypes must name at least one claim type, none empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
