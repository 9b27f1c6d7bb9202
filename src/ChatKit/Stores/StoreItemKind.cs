namespace ChatKit.Stores;

/// <summary>What an id is generated for; selects its prefix.</summary>
public enum StoreItemKind
{
    /// <summary><c>thr_</c></summary>
    Thread,

    /// <summary><c>msg_</c></summary>
    Message,

    /// <summary><c>tc_</c></summary>
    ToolCall,

    /// <summary><c>tsk_</c></summary>
    Task,

    /// <summary><c>wf_</c></summary>
    Workflow,

    /// <summary><c>atc_</c></summary>
    Attachment,

    /// <summary><c>shcx_</c></summary>
    SdkHiddenContext,
}
