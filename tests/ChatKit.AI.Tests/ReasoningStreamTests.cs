using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using ChatKit.AI.Tests.Support;
using Microsoft.Extensions.AI;
using static ChatKit.AI.Tests.Support.Updates;

namespace ChatKit.AI.Tests;

public sealed class ReasoningStreamTests
{
    private const int Deltas = 5_000;

    [Fact]
    public async Task A_long_reasoning_stream_streams_every_prefix_and_keeps_the_whole_thought()
    {
        var harness = new Harness();
        harness.Client.Then(_ => Script());
        var expected = new StringBuilder();
        for (var i = 0; i < Deltas; i++)
        {
            expected.Append(Delta(i));
        }

        var watch = Stopwatch.StartNew();
        var events = await harness.CreateThreadAsync("Think hard");
        watch.Stop();

        // One task event per delta, each carrying the thought so far (a task update replaces the whole task).
        var tasks = events.Where(e => (string?)e["update"]?["type"] is "workflow.task.added" or "workflow.task.updated").ToList();
        Assert.Equal(Deltas, tasks.Count);
        var length = 0;
        for (var i = 0; i < Deltas; i++)
        {
            length += Delta(i).Length;
            var content = (string)tasks[i]["update"]!["task"]!["content"]!;
            Assert.Equal(length, content.Length);
            Assert.Equal(0, (int)tasks[i]["update"]!["task_index"]!);
        }

        Assert.Equal(expected.ToString(), (string)tasks[^1]["update"]!["task"]!["content"]!);
        var done = events.Single(e => (string?)e["type"] == "thread.item.done" && (string?)e["item"]!["type"] == "workflow");
        Assert.Equal(expected.ToString(), (string)done["item"]!["workflow"]!["tasks"]![0]!["content"]!);
        var stored = Assert.Single((await harness.ItemsAsync(Harness.ThreadIdOf(events))).OfType<WorkflowItem>());
        Assert.Equal(expected.ToString(), Assert.IsType<ThoughtTask>(Assert.Single(stored.Workflow.Tasks)).Content);

        // Generous on purpose: it catches a pathological slowdown only. The events' total size is quadratic whatever the
        // turn does, since each task update carries the whole thought so far.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{Deltas} reasoning deltas took {watch.Elapsed}.");

        static async IAsyncEnumerable<ChatResponseUpdate> Script([EnumeratorCancellation] CancellationToken ct = default)
        {
            await Task.Yield();
            for (var i = 0; i < Deltas; i++)
            {
                ct.ThrowIfCancellationRequested();
                yield return Reasoning(Delta(i));
            }

            yield return Text("Done.");
        }
    }

    [Fact]
    public void A_thought_is_accumulated_in_place_and_restarts_after_the_model_call_ends()
    {
        var workflow = new OpenWorkflow("wf", DateTimeOffset.UnixEpoch, WorkflowType.Reasoning);
        var expected = new StringBuilder();
        for (var i = 0; i < Deltas; i++)
        {
            expected.Append(Delta(i));
            var (index, started) = workflow.AppendThought(Delta(i));
            Assert.Equal(0, index);
            Assert.Equal(i == 0, started);
        }

        Assert.Equal(expected.ToString(), Assert.IsType<ThoughtTask>(Assert.Single(workflow.Tasks)).Content);

        workflow.EndThought();
        Assert.Equal((1, true), workflow.AppendThought("Next "));
        Assert.Equal((1, false), workflow.AppendThought("thought."));
        Assert.Equal(expected.ToString(), ((ThoughtTask)workflow.Tasks[0]).Content);
        Assert.Equal("Next thought.", ((ThoughtTask)workflow.Tasks[1]).Content);
    }

    private static string Delta(int i) => $"t{i % 10} ";
}
