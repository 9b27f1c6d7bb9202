namespace ChatKit.Sqlite;

/// <summary>The protocol discriminator of an item, kept in its own column for ad-hoc queries.</summary>
internal static class StoredItemType
{
    public static string Of(ThreadItem item) => item switch
    {
        UserMessageItem => "user_message",
        AssistantMessageItem => "assistant_message",
        ClientToolCallItem => "client_tool_call",
        WidgetItem => "widget",
        GeneratedImageItem => "generated_image",
        StructuredInputItem => "structured_input",
        WorkflowItem => "workflow",
        TaskItem => "task",
        EndOfTurnItem => "end_of_turn",
        HiddenContextItem => "hidden_context_item",
        SdkHiddenContextItem => "sdk_hidden_context",
        _ => item.GetType().Name,
    };
}
