using Microsoft.Extensions.Options;

namespace ChatKit.OpenAI.Hosting;

/// <summary>Rejects nonsensical <see cref="ChatKitHostedOptions"/>. A missing workflow id is reported per request instead, so an app can start without the hosted path configured.</summary>
internal sealed class ChatKitHostedValidation : IValidateOptions<ChatKitHostedOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatKitHostedOptions options)
    {
        var failures = new List<string>();
        if (options.RateLimitPermitLimit <= 0) failures.Add("ChatKit:Hosted:RateLimitPermitLimit must be positive.");
        if (options.RateLimitWindow <= TimeSpan.Zero) failures.Add("ChatKit:Hosted:RateLimitWindow must be positive.");
        if (options.ExpiresAfterSeconds is <= 0) failures.Add("ChatKit:Hosted:ExpiresAfterSeconds must be positive.");
        if (options.MaxRequestsPerMinute is <= 0) failures.Add("ChatKit:Hosted:MaxRequestsPerMinute must be positive.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
