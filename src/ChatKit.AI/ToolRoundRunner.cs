using ChatKit.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatKit.AI;

/// <summary>
/// Runs the calls of one tool round: server tools are invoked (a failure becomes a result the model can read), a
/// declaration the server cannot run is a client tool, which pauses the turn.
/// </summary>
internal sealed class ToolRoundRunner<TContext>(TurnScope<TContext> scope, IReadOnlyDictionary<string, AIFunctionDeclaration> tools)
{
    /// <summary>
    /// Runs <paramref name="calls"/> into <paramref name="results"/> (same indexes), signalling each finished call on
    /// the round's channel, and completes the channel at the end.
    /// </summary>
    public async Task RunAsync(List<FunctionCallContent> calls, ToolRound round, FunctionResultContent[] results, CancellationToken ct)
    {
        try
        {
            if (scope.Options.ConcurrentToolInvocation && calls.Count > 1)
            {
                await Task.WhenAll(calls.Select((call, i) => Task.Run(() => InvokeAsync(call, i, round, results, ct), ct))).ConfigureAwait(false);
            }
            else
            {
                for (var i = 0; i < calls.Count; i++)
                {
                    await InvokeAsync(calls[i], i, round, results, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            round.Writer.TryComplete();
        }
    }

    /// <summary>A hidden note so later turns know what a tool returned (the call itself is not kept).</summary>
    public ThreadItemDoneEvent RememberResult(FunctionCallContent call, FunctionResultContent result)
    {
        var output = AIJson.ToText(result.Result);
        var limit = Math.Max(0, scope.Options.MaxRememberedToolResultLength);
        if (output.Length > limit)
        {
            output = output[..limit] + "… (truncated)";
        }

        return new ThreadItemDoneEvent
        {
            Item = new SdkHiddenContextItem
            {
                Id = scope.CreateItemId(StoreItemKind.SdkHiddenContext),
                ThreadId = scope.ThreadId,
                CreatedAt = scope.Now,
                Content = $"The assistant called the tool {call.Name} with the arguments {AIJson.ToText(AIJson.ToJsonObject(call.Arguments))} and it returned:\n{output}",
            },
        };
    }

    private async Task InvokeAsync(FunctionCallContent call, int index, ToolRound round, FunctionResultContent[] results, CancellationToken ct)
    {
        results[index] = await InvokeCoreAsync(call, round, ct).ConfigureAwait(false);
        await round.Writer.WriteAsync(new ToolFinished(index), ct).ConfigureAwait(false);
    }

    private async Task<FunctionResultContent> InvokeCoreAsync(FunctionCallContent call, ToolRound round, CancellationToken ct)
    {
        if (!tools.TryGetValue(call.Name, out var tool))
        {
            var known = tools.Count == 0 ? "none" : string.Join(", ", tools.Keys);
            return Failed(call, $"Error: there is no tool named '{call.Name}'. Available tools: {known}.");
        }

        if (call.Exception is { } parseError)
        {
            return Failed(call, $"Error: the arguments of this call are not valid JSON ({parseError.Message}). Call the tool again with a valid JSON object.", parseError);
        }

        if (tool is not AIFunction function)
        {
            // A declaration the server cannot run: a client tool.
            round.RequestClientToolCall(new ClientToolRequest(call.CallId, call.Name, AIJson.ToJsonObject(call.Arguments)));
            return new FunctionResultContent(call.CallId, "The call was sent to the user's browser.");
        }

        var options = scope.Options;
        var toolContext = new ChatKitToolContext<TContext>(round, call, scope.Server, scope.Thread, scope.Context);
        var arguments = new AIFunctionArguments(call.Arguments ?? new Dictionary<string, object?>())
        {
            Context = new Dictionary<object, object?> { [typeof(ChatKitToolContext)] = toolContext },
            Services = new ToolServices(toolContext, options.Services),
        };
        var previous = ChatKitToolContext.Current;
        ChatKitToolContext.Current = toolContext;
        try
        {
            var value = await function.InvokeAsync(arguments, ct).ConfigureAwait(false);
            return new FunctionResultContent(call.CallId, value);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            options.Logger?.LogWarning(e, "Tool {Tool} failed in thread {ThreadId}; the model is told it failed.", call.Name, scope.ThreadId);
            var message = options.IncludeToolExceptionDetails
                ? $"Error: the tool failed: {e.Message}"
                : "Error: the tool failed.";
            return Failed(call, message, e);
        }
        finally
        {
            ChatKitToolContext.Current = previous;
        }
    }

    private static FunctionResultContent Failed(FunctionCallContent call, string message, Exception? exception = null) =>
        new(call.CallId, message) { Exception = exception };
}
