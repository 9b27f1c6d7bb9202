using ChatKit.Agents;
using Microsoft.Agents.AI;
using Microsoft.Agents.AI.Workflows;
using AgentWorkflow = Microsoft.Agents.AI.Workflows.Workflow;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the agent a ChatKit server answers with.</summary>
public static class AgentChatKitBuilderExtensions
{
    /// <summary>
    /// Answers with <paramref name="agent"/>: registers the <see cref="AgentResponder"/> that
    /// <see cref="AgentChatKitServer{TContext}"/> uses, e.g.
    /// <c>services.AddChatKit&lt;AgentChatKitServer&lt;ChatKitRequestContext&gt;&gt;().AddAgent(agent)</c>.
    /// </summary>
    /// <param name="builder">The builder <c>AddChatKit</c> returned.</param>
    /// <param name="agent">The agent.</param>
    /// <param name="configure">Adjusts the responder options (history, titles, session key).</param>
    public static IChatKitBuilder<TContext> AddAgent<TContext>(this IChatKitBuilder<TContext> builder, AIAgent agent, Action<AgentResponderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return builder.AddAgent(_ => agent, configure);
    }

    /// <summary>Answers with the agent <paramref name="agentFactory"/> builds from the services (once, as a singleton).</summary>
    public static IChatKitBuilder<TContext> AddAgent<TContext>(this IChatKitBuilder<TContext> builder, Func<IServiceProvider, AIAgent> agentFactory, Action<AgentResponderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(agentFactory);
        builder.Services.RemoveAll<AgentResponder>();
        builder.Services.AddSingleton(sp =>
        {
            var options = new AgentResponderOptions();
            configure?.Invoke(options);
            options.Turn.Services ??= sp;
            return new AgentResponder(agentFactory(sp), options);
        });
        return builder;
    }

    /// <summary>
    /// Answers with the Agent Framework workflow <paramref name="workflowFactory"/> builds (once): registers the
    /// <see cref="WorkflowResponder"/> that <see cref="WorkflowChatKitServer{TContext}"/> uses.
    /// </summary>
    public static IChatKitBuilder<TContext> AddWorkflow<TContext>(this IChatKitBuilder<TContext> builder, Func<IServiceProvider, AgentWorkflow> workflowFactory, Action<WorkflowResponderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(workflowFactory);
        builder.Services.RemoveAll<WorkflowResponder>();
        builder.Services.AddSingleton(sp =>
        {
            var options = new WorkflowResponderOptions { TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System };
            configure?.Invoke(options);
            return new WorkflowResponder(workflowFactory(sp), options);
        });
        return builder;
    }
}
