namespace ChatKit.Agents;

/// <summary>
/// A workflow run reported a failure (an executor threw, or the workflow itself failed). The server logs it and ends
/// the stream with an error event the user may retry.
/// </summary>
public sealed class WorkflowRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowRunException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
