using BenchmarkDotNet.Attributes;
using ChatKit.Widgets;

namespace ChatKit.Benchmarks;

/// <summary>
/// Diffing two 200-node widget trees: a pure append to one streaming Markdown node (the full-replace check walks the
/// whole tree, then one value delta) and a change of the last node's colour (full replace).
/// </summary>
[MemoryDiagnoser]
public class WidgetDiffBenchmarks
{
    private WidgetRoot _before = null!;
    private WidgetRoot _appended = null!;
    private WidgetRoot _recoloured = null!;

    [GlobalSetup]
    public void Setup()
    {
        _before = Build("Dear Harry,", "secondary");
        _appended = Build("Dear Harry, you are a wizard.", "secondary");
        _recoloured = Build("Dear Harry,", "danger");
    }

    [Benchmark(Baseline = true)]
    public int PureAppend() => WidgetDiff.Diff(_before, _appended).Count;

    [Benchmark]
    public int FullReplace() => WidgetDiff.Diff(_before, _recoloured).Count;

    // Card + Markdown + 33 rows of (Row, Icon, Col, Text, Caption, Button) = 200 nodes.
    private static WidgetRoot Build(string body, string lastColour)
    {
        var card = new Card { Children = [new Markdown { Id = "body", Value = body, Streaming = true }], Padding = 4 };
        for (var i = 0; i < 33; i++)
        {
            card.Children.Add(new Row
            {
                Key = $"row-{i}",
                Gap = 2,
                Align = Alignment.Center,
                Children =
                [
                    new Icon { Name = IconName.Check, Size = IconSize.Sm },
                    new Col
                    {
                        Children =
                        [
                            new Text { Value = $"Item {i}", Weight = FontWeight.Semibold, Color = i == 32 ? lastColour : "secondary" },
                            new Caption { Value = $"Details for item {i}", Size = CaptionSize.Sm },
                        ],
                    },
                    new Button { Label = "Open", OnClickAction = ActionConfig.Create("item.open", new System.Text.Json.Nodes.JsonObject { ["id"] = i }) },
                ],
            });
        }

        if (card.DescendantsAndSelf().Count() != 200)
        {
            throw new InvalidOperationException("The benchmark tree must have 200 nodes.");
        }

        // Parse from text so the trees hold JsonElement-backed values, as trees read from templates or stores do.
        return WidgetRoot.Parse(card.ToJsonString());
    }
}
