using Microsoft.Extensions.AI;

namespace ChatKit.Agents;

/// <summary>
/// An agent runs its own tools (a ChatClientAgent wraps its model in a function-invoking client), so the function
/// calls in its stream are reports of what it did, not requests for the ChatKit turn to run: they are marked
/// informational, the meaning Microsoft.Extensions.AI gives <see cref="FunctionCallContent.InformationalOnly"/>.
/// </summary>
internal static class AgentToolCalls
{
    public static ChatResponseUpdate MarkHandled(ChatResponseUpdate update)
    {
        foreach (var content in update.Contents)
        {
            if (content is FunctionCallContent call)
            {
                call.InformationalOnly = true;
            }
        }

        return update;
    }
}
