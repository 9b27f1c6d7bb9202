using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ChatKit.Widgets.Templates;

namespace ChatKit.Benchmarks;

/// <summary>
/// Renders the <c>list_view_with_data.widget</c> protocol fixture with 100 items. The fixture is found by walking up
/// from the benchmark binary to <c>shared/protocol</c> (or via <c>CHATKIT_PROTOCOL_DIR</c>).
/// </summary>
[MemoryDiagnoser]
public class WidgetTemplateBenchmarks
{
    private static readonly string[] Colors = ["blue-500", "orange-500", "purple-500"];

    private string _widgetText = string.Empty;
    private WidgetTemplate _validating = null!;
    private WidgetTemplate _nonValidating = null!;
    private JsonObject _data = null!;

    [GlobalSetup]
    public void Setup()
    {
        _widgetText = File.ReadAllText(Path.Combine(FindProtocolDir(), "fixtures", "widgets", "list_view_with_data.widget"));
        _validating = WidgetTemplate.Parse(_widgetText);
        _nonValidating = WidgetTemplate.Parse(_widgetText, new WidgetTemplateOptions { ValidateData = false });
        var items = new JsonArray();
        for (var i = 0; i < 100; i++)
        {
            items.Add(new JsonObject { ["id"] = $"line-{i}", ["label"] = $"Line <{i}> & co", ["color"] = Colors[i % Colors.Length] });
        }

        _data = new JsonObject { ["items"] = items };
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

    private static string FindProtocolDir()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CHATKIT_PROTOCOL_DIR");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "PROTOCOL.md")))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "protocol");
            if (File.Exists(Path.Combine(candidate, "PROTOCOL.md")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("Cannot find shared/protocol; set CHATKIT_PROTOCOL_DIR.");
    }
}
