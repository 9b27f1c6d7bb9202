using System.Text.Json.Nodes;

namespace ChatKit.AI;

/// <summary>
/// A call the function-invoking client asked to have approved, as stored in the approval widget: its request id (to
/// answer it), the call, and whether its tool itself requires approval (the client asks for every call of a batch
/// that holds one such call; the others are approved without asking).
/// </summary>
internal sealed record PendingToolApproval(string RequestId, string CallId, string Name, JsonObject Arguments, bool RequiresApproval);
