using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ChatKit.Widgets.Templates;

namespace ChatKit.Benchmarks;

/// <summary>
/// Renders the <c>task_checklist.widget</c> fixture (a Studio-style ListView built with the comma-joining list idiom)
/// with 100 tasks. The fixture is found by walking up from the benchmark binary to the repository's <c>tests/fixtures</c>.
/// </summary>
[MemoryDiagnoser]
public class WidgetTemplateBenchmarks
{
    private static readonly string[] Priorities = ["low", "medium", "high"];

    private string _widgetText = string.Empty;
    private WidgetTemplate _validating = null!;
    private WidgetTemplate _nonValidating = null!;
    private JsonObject _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        _widgetText = File.ReadAllText(Path.Combine(FindFixturesDir(), "widgets", "task_checklist.widget"));
        _validating = WidgetTemplate.Parse(_widgetText, new WidgetTemplateOptions { ValidateData = true });
        _nonValidating = WidgetTemplate.Parse(_widgetText, new WidgetTemplateOptions { ValidateData = false });
        var tasks = new JsonArray();
        for (var i = 0; i < 100; i++)
        {
            // Every branch of the template is taken: done or not, tags or none, an assignee, null or none at all.
            var task = new JsonObject
            {
                ["id"] = $"task-{i}",
                ["title"] = $"Task <{i}> & co",
                ["done"] = i % 3 == 0,
                ["priority"] = Priorities[i % Priorities.Length],
                ["tags"] = i % 2 == 0 ? new JsonArray("ops", $"sprint-{i / 10}") : new JsonArray(),
            };
            if (i % 4 != 3)
            {
                task["assignee"] = i % 4 == 0 ? null : $"Person {i % 7}";
            }

            tasks.Add(task);
        }

        _data = new JsonObject { ["tasks"] = tasks };
    }

    /// <summary>Full pipeline: convert data, validate against jsonSchema, render, parse output JSON.</summary>
    [Benchmark(Baseline = true)]
    public JsonObject Render100Items() => _validating.Render(_data);

    /// <summary>Same without schema validation.</summary>
    [Benchmark]
    public JsonObject Render100ItemsWithoutValidation() => _nonValidating.Render(_data);

    /// <summary>Template evaluation only (text output, no JSON parsing of the result).</summary>
    [Benchmark]
    public string RenderText100Items() => _nonValidating.RenderText(_data);

    /// <summary>Loading: parse the .widget JSON, compile the template and the schema.</summary>
    [Benchmark]
    public WidgetTemplate ParseAndCompile() => WidgetTemplate.Parse(_widgetText);

    // The fixtures live in tests/fixtures of the repository that holds this benchmark (found by walking up to ChatKit.slnx).
    private static string FindFixturesDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChatKit.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures");
            }
        }

        throw new DirectoryNotFoundException($"Cannot find the repository root (ChatKit.slnx) above {AppContext.BaseDirectory}.");
    }
}
