using System.Text.Json;
using ChatKit.AI;
using ChatKit.Agents;
using ChatKit.AspNetCore;
using ChatKit.AspNetCore.Attachments;
using ChatKit.Server;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace ChatKit.Demo;

/// <summary>
/// The demo with a real model: a <see cref="ChatClientAgent"/> over any OpenAI-compatible server through the official
/// adapter (see <see cref="DemoModel"/>), with a server tool, a tool that needs approval, the browser's
/// <c>get_browser_info</c> client tool, and thread titles. The agent runs its tools; ChatKit shows them and pauses on the client tool.
/// </summary>
public sealed class ModelAssistant(
    ChatKitServerDependencies<ChatKitRequestContext> dependencies, IChatClient chatClient, DiskAttachmentStore<ChatKitRequestContext>? attachments = null)
    : AgentChatKitServer<ChatKitRequestContext>(dependencies, CreateResponder(chatClient, attachments))
{
    private static AgentResponder CreateResponder(IChatClient chatClient, DiskAttachmentStore<ChatKitRequestContext>? attachments)
    {
        var agent = new ChatClientAgent(
            chatClient,
            instructions: "You are the assistant of the ChatKit for .NET demo. Answer concisely in Markdown. " +
                "Use get_server_time for the time, get_browser_info when asked about the user's browser, and delete_file " +
                "when asked to delete a file (the user approves it first; it deletes nothing for real).",
            name: "demo_assistant",
            tools:
            [
                AIFunctionFactory.Create(() => DateTimeOffset.UtcNow.ToString("O"), "get_server_time", "The server's current UTC time."),
                AIFunctionFactory.CreateDeclaration(
                    "get_browser_info",
                    "Reads the user's browser user agent and language (runs in the browser).",
                    JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement),

                // Needs the user's approval: the turn pauses on an Approve / Deny card (AgentChatKitServer handles the click).
                DemoApprovals.DeleteFileTool,
            ]);
        return new AgentResponder(agent, new AgentResponderOptions
        {
            Turn = new ChatClientResponderOptions
            {
                // Uploaded images and files reach the model as content, read from the disk store.
                Converter = new ThreadItemConverter(attachments is null ? null : attachments.LoadBytesAsync),
                TitleGenerator = new ThreadTitleGenerator(chatClient),
            },
        });
    }
}

/// <summary>Whether and how the demo talks to a model: <c>OPENAI_API_KEY</c> and/or <c>OPENAI_BASE_URL</c> switch it on.</summary>
internal static class DemoModel
{
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["OPENAI_API_KEY"]) || !string.IsNullOrEmpty(configuration["OPENAI_BASE_URL"]);

    // Configuration includes the environment, so OPENAI_* work as variables or as --OPENAI_*=… arguments.
    public static IChatClient CreateClient(IConfiguration configuration) =>
        ChatKit.OpenAI.OpenAIChatClientFactory.FromEnvironment(name => configuration[name], configuration.GetValue<int?>("OPENAI_MAX_RETRIES"));
}
