using System.Text;
using System.Text.Json;
using ChatKit.Json;
using ChatKit.Server;
using FsCheck;
using FsCheck.Fluent;

namespace ChatKit.Tests.Server;

/// <summary>
/// The hand-written reader of <c>threads.create</c> / <c>threads.add_user_message</c> bodies must read exactly what the
/// serializer reads, and hand everything else (including every bad body) to the serializer, so errors stay the same.
/// </summary>
public sealed class UserMessageRequestReaderTests
{
    [Theory]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"deltas:100"}],"attachments":[],"inference_options":{}}}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":["atc_1","atc_\"2\""],"quoted_text":"q\u00e9\n","inference_options":{"tool_choice":{"id":"search"},"model":"gpt"}}}}""")]
    [InlineData(""" { "type" : "threads.add_user_message" , "params" : { "thread_id" : "thr_1", "input" : { "inference_options" : { "model" : "m" }, "attachments" : [ ], "content" : [ { "type" : "input_text" , "text" : "\ud83c\udf89 \u2028" } ] } } } """)]
    [InlineData("""{"type":"threads.add_user_message","params":{"input":{"content":[{"type":"input_text","text":"a"},{"type":"input_text","text":""}],"attachments":[],"inference_options":{}},"thread_id":"thr_\u0001"}}""")]
    public void The_usual_bodies_are_read_by_hand_as_the_serializer_reads_them(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var byHand = UserMessageRequestReader.TryRead(bytes);

        Assert.NotNull(byHand);
        Assert.Equal(Wire(ChatKitRequestParser.ParseWithSerializer(bytes)), Wire(byHand));
        Assert.Equal(byHand.GetType(), ChatKitRequestParser.Parse(bytes).GetType());
    }

    [Theory]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[{"type":"input_tag","id":"e","text":"Ann"}],"attachments":[],"inference_options":{}}}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":[],"quoted_text":null,"inference_options":{}}}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":[],"inference_options":{}}},"metadata":{}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"content":[],"attachments":[],"inference_options":{}}}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":[],"inference_options":{}}}} x""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"\ud800"}],"attachments":[],"inference_options":{}}}}""")]
    [InlineData("""{"params":{"input":{"content":[],"attachments":[],"inference_options":{}}},"type":"threads.create"}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":[]}}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":[1],"inference_options":{}}}}""")]
    [InlineData("""{"type":"threads.add_user_message","params":{"input":{"content":[],"attachments":[],"inference_options":{}}}}""")]
    [InlineData("""{"type":"threads.create","params":{"thread_id":"t","input":{"content":[],"attachments":[],"inference_options":{}}}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":[],"inference_options":{"tool_choice":{"id":"a","x":1}}}}}""")]
    [InlineData("""{"type":"threads.create","params":{"input":{"content":[],"attachments":[],"inference_options":{}}}""")]
    [InlineData("""{"type":"threads.create","params":null}""")]
    public void Other_bodies_go_to_the_serializer(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        Assert.Null(UserMessageRequestReader.TryRead(bytes));
        Assert.Equal(Outcome(() => ChatKitRequestParser.ParseWithSerializer(bytes)), Outcome(() => ChatKitRequestParser.Parse(bytes)));
    }

    [Fact]
    public void Invalid_utf8_goes_to_the_serializer_and_gets_its_error()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"threads.create","params":{"input":{"content":[{"type":"input_text","text":"AB"}],"attachments":[],"inference_options":{}}}}""");
        var at = Array.IndexOf(bytes, (byte)'A');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Assert.Null(UserMessageRequestReader.TryRead(bytes));
        Assert.StartsWith("error", Outcome(() => ChatKitRequestParser.Parse(bytes)));
    }

    // Bodies built from pieces that the hand-written reader takes and pieces that it must refuse; whatever it returns
    // must be what the serializer reads, and whatever it refuses must get the serializer's result or error.
    [Fact]
    public void Generated_bodies_parse_as_the_serializer_parses_them()
    {
        var readByHand = 0;
        var property = Prop.ForAll(Body.ToArbitrary(), (string body) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            var expected = Outcome(() => ChatKitRequestParser.ParseWithSerializer(bytes));
            var byHand = UserMessageRequestReader.TryRead(bytes);
            readByHand += byHand is null ? 0 : 1;
            if (byHand is not null && expected != "ok " + Wire(byHand))
            {
                throw new Xunit.Sdk.XunitException($"Body {body}\nserializer: {expected}\nby hand:    {Wire(byHand)}");
            }

            var actual = Outcome(() => ChatKitRequestParser.Parse(bytes));
            if (actual != expected)
            {
                throw new Xunit.Sdk.XunitException($"Body {body}\nserializer: {expected}\nparser:     {actual}");
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), property);

        // The generator must exercise the hand-written reader, not only the fallback.
        Assert.InRange(readByHand, 900, 2400);
    }

    private static readonly char[] Alphabet =
    [
        'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0001', '<', '&', '\'', '\u00e9', '\u2028', '\u65e5', '\ud83c', '\udf89', '\ud800',
    ];

    // A JSON string token: usually encoded by the serializer (escapes included), sometimes a raw escape of a lone
    // surrogate or a non-string token. Every generator below has a clean form (a body the reader should take) and a
    // noisy one (some pieces it must refuse), half of the bodies each.
    private static Gen<string> StringToken(bool clean) =>
        clean
            ? Gen.Frequency(
                (8, Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n)).Select(c => JsonSerializer.Serialize(new string(c)))),
                (1, Gen.Elements("\"\\u00e9\\n\\\"\"", "\"\\/\"", "\"\\ud83c\\udf89\"")))
            : Gen.Frequency(
                (6, StringToken(clean: true)),
                (1, Gen.Elements("\"\\ud800\"", "\"\\uDC00x\"")),
                (1, Gen.Elements("null", "1", "true", "{}", "[]")));

    private static Gen<string> Part(bool clean) =>
        clean
            ? StringToken(clean).Select(t => $$"""{"type":"input_text","text":{{t}}}""")
            : Gen.Frequency(
                (6, StringToken(clean).Select(t => $$"""{"type":"input_text","text":{{t}}}""")),
                (1, StringToken(clean).Select(t => $$"""{"text":{{t}},"type":"input_text"}""")),
                (1, StringToken(clean).Select(t => """{"type":"input_tag","id":"e","text":""" + t + ""","data":{}}""")),
                (1, Gen.Elements("""{"type":"input_text"}""", """{"type":"image","text":"x"}""", "null", """{"type":"input_text","text":"a","x":1}""")));

    private static Gen<string> ListOf(Gen<string> element) =>
        Gen.Choose(0, 4).SelectMany(n => Gen.ArrayOf(element, n)).Select(e => "[" + string.Join(",", e) + "]");

    private static Gen<string> Optional(string name, Gen<string> value) =>
        Gen.Frequency((2, Gen.Constant(string.Empty)), (3, value.Select(v => $"\"{name}\":{v}")));

    private static Gen<string> Noise(bool clean, Gen<string> cleanValue, params string[] noisy) =>
        clean ? cleanValue : Gen.Frequency((6, cleanValue), (1, Gen.Elements(noisy)));

    private static Gen<string> Options(bool clean) =>
        from tool in Optional("tool_choice", Noise(clean, StringToken(clean).Select(t => $$"""{"id":{{t}}}"""), "null", "{}", """{"id":"a","b":1}"""))
        from model in Optional("model", StringToken(clean))
        from extra in Noise(clean, Gen.Constant(string.Empty), "\"x\":1", "\"model\":\"again\"")
        select "{" + string.Join(",", new[] { tool, model, extra }.Where(p => p.Length > 0)) + "}";

    private static Gen<string> Input(bool clean) =>
        from content in Noise(clean, ListOf(Part(clean)), "null", "{}", "\"x\"")
        from attachments in Noise(clean, ListOf(StringToken(clean)), "null", "[null]")
        from quoted in Optional("quoted_text", StringToken(clean))
        from options in Noise(clean, Options(clean), "null", "[]")
        from drop in clean ? Gen.Constant(-1) : Gen.Frequency((4, Gen.Constant(-1)), (1, Gen.Choose(0, 3)))
        from extra in Noise(clean, Gen.Constant(string.Empty), "\"x\":1", "\"content\":[]", "\"metadata\":{}")
        from shuffle in Gen.Elements(false, true)
        let fields = new[] { $"\"content\":{content}", $"\"attachments\":{attachments}", quoted, $"\"inference_options\":{options}", extra }
            .Where((f, i) => i != drop && f.Length > 0)
        select "{" + string.Join(",", shuffle ? fields.Reverse() : fields) + "}";

    private static readonly Gen<string> Body =
        from clean in Gen.Elements(false, true)
        from type in clean
            ? Gen.Elements("threads.create", "threads.add_user_message")
            : Gen.Frequency((4, Gen.Constant("threads.create")), (4, Gen.Constant("threads.add_user_message")), (1, Gen.Elements("threads.list", "threads.Create", "x")))
        from threadId in Noise(clean, StringToken(clean).Select(t => $"\"thread_id\":{t}"), string.Empty)
        from input in Input(clean)
        from order in clean ? Gen.Constant(3) : Gen.Choose(0, 5)
        from space in Gen.Elements(string.Empty, " ", "\n\t")
        from tail in Noise(clean, Gen.Constant(string.Empty), "x", "}", "{}", ",")
        let parameters = "{" + string.Join(",", new[] { type == "threads.create" && order != 5 ? string.Empty : threadId, $"\"input\":{input}" }.Where(p => p.Length > 0)) + "}"
        let body = order switch
        {
            0 => $$"""{"params":{{parameters}},"type":"{{type}}"}""",
            1 => $$"""{"type":"{{type}}","params":{{parameters}},"metadata":""" + """{"k":1}}""",
            2 => $$"""{"type":"{{type}}","params":null}""",
            _ => $$"""{"type":"{{type}}","params":{{parameters}}}""",
        }
        select space + body.Replace(",", "," + space) + tail;

    private static string Wire(ChatKitRequest request) => JsonSerializer.Serialize(request, ChatKitJson.Wire.ChatKitRequest);

    private static string Outcome(Func<ChatKitRequest> parse)
    {
        try
        {
            return "ok " + Wire(parse());
        }
        catch (ChatKitBadRequestException e)
        {
            return $"error {e.StatusCode} {e.Message}";
        }
    }
}
