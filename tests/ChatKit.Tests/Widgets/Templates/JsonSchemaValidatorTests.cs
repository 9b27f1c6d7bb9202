using System.Text.Json.Nodes;
using ChatKit.Widgets.Templates.Jinja;
using ChatKit.Widgets.Templates.Schema;

namespace ChatKit.Tests.Widgets.Templates;

/// <summary>The JSON Schema subset, keyword by keyword.</summary>
public sealed class JsonSchemaValidatorTests
{
    private static string[] Errors(string schema, string data) =>
        [.. JsonSchemaValidator.Compile(JsonNode.Parse(schema)!).Validate(JsonValues.FromNode(JsonNode.Parse(data))).Select(e => e.ToString())];

    private static void Valid(string schema, string data) => Assert.Empty(Errors(schema, data));

    [Theory]
    [InlineData("""{"type":"string"}""", "\"x\"")]
    [InlineData("""{"type":"integer"}""", "3")]
    [InlineData("""{"type":"integer"}""", "3.0")]
    [InlineData("""{"type":"number"}""", "3.5")]
    [InlineData("""{"type":"boolean"}""", "false")]
    [InlineData("""{"type":"null"}""", "null")]
    [InlineData("""{"type":["string","null"]}""", "null")]
    [InlineData("""{"type":"array"}""", "[]")]
    [InlineData("""{"type":"object"}""", "{}")]
    [InlineData("""{"type":"string","format":"date-time"}""", "\"not a date\"")]
    [InlineData("""true""", "[1]")]
    [InlineData("""{}""", "{\"a\":1}")]
    public void AcceptsMatchingValues(string schema, string data) => Valid(schema, data);

    [Theory]
    [InlineData("""{"type":"string"}""", "5", "$: expected string, got number (5)")]
    [InlineData("""{"type":"integer"}""", "1.5", "$: expected integer, got number (1.5)")]
    [InlineData("""{"type":"number"}""", "true", "$: expected number, got boolean")]
    [InlineData("""{"type":["string","null"]}""", "[]", "$: expected string or null, got array")]
    [InlineData("""{"type":"object"}""", "null", "$: expected object, got null")]
    [InlineData("""false""", "1", "$: no value is allowed here (schema is false)")]
    public void RejectsWrongTypes(string schema, string data, string expected) =>
        Assert.Equal([expected], Errors(schema, data));

    [Theory]
    [InlineData("""{"minimum":2}""", "1", "$: 1 is less than the minimum 2")]
    [InlineData("""{"maximum":2}""", "2.5", "$: 2.5 is greater than the maximum 2")]
    [InlineData("""{"exclusiveMinimum":2}""", "2", "$: 2 must be greater than 2")]
    [InlineData("""{"exclusiveMaximum":2}""", "2", "$: 2 must be less than 2")]
    [InlineData("""{"multipleOf":3}""", "7", "$: 7 is not a multiple of 3")]
    [InlineData("""{"minLength":2}""", "\"a\"", "$: string is shorter than minLength 2 (length 1)")]
    [InlineData("""{"maxLength":2}""", "\"😀😀😀\"", "$: string is longer than maxLength 2 (length 3)")]
    [InlineData("""{"pattern":"^[a-z]+$"}""", "\"ab1\"", "$: \"ab1\" does not match the pattern '^[a-z]+$'")]
    [InlineData("""{"minItems":1}""", "[]", "$: expected at least 1 item(s), got 0")]
    [InlineData("""{"maxItems":1}""", "[1,2]", "$: expected at most 1 item(s), got 2")]
    [InlineData("""{"uniqueItems":true}""", "[1,2,1]", "$[2]: duplicate of item 0 (uniqueItems)")]
    [InlineData("""{"const":"x"}""", "\"y\"", "$: expected the constant \"x\", got \"y\"")]
    [InlineData("""{"enum":[1,"a",null]}""", "true", "$: true is not one of 1, \"a\", null")]
    [InlineData("""{"minProperties":1}""", "{}", "$: expected at least 1 properties, got 0")]
    public void ChecksValueConstraints(string schema, string data, string expected) =>
        Assert.Equal([expected], Errors(schema, data));

    [Fact]
    public void ConstraintsOnlyApplyToTheirType()
    {
        Valid("""{"minLength":5,"minimum":3,"minItems":2}""", "true");
        Valid("""{"enum":[1]}""", "1.0");
    }

    [Fact]
    public void ItemsPropertiesAndNestedPaths()
    {
        const string schema = """
            {"type":"object","properties":{"rows":{"type":"array","items":{"type":"object","properties":{"my key":{"type":"integer"}}}}}}
            """;
        Assert.Equal(["$.rows[1]['my key']: expected integer, got string (\"x\")"], Errors(schema, """{"rows":[{"my key":1},{"my key":"x"}]}"""));
    }

    [Fact]
    public void AdditionalPropertiesSchemaAndPatternProperties()
    {
        const string schema = """{"patternProperties":{"^n_":{"type":"number"}},"additionalProperties":{"type":"string"}}""";
        Valid(schema, """{"n_a":1,"other":"s"}""");
        Assert.Equal(["$.n_a: expected number, got string (\"1\")", "$.other: expected string, got number (2)"], Errors(schema, """{"n_a":"1","other":2}"""));
    }

    [Fact]
    public void TupleItemsDraft07AndPrefixItems2020()
    {
        Assert.Equal(["$[1]: expected number, got string (\"b\")"], Errors("""{"items":[{"type":"string"},{"type":"number"}]}""", """["a","b"]"""));
        Assert.Equal(["$[2]: expected boolean, got number (3)"], Errors("""{"prefixItems":[{"type":"string"}],"items":{"type":"boolean"}}""", """["a",true,3]"""));
    }

    [Fact]
    public void RefsToDefinitionsAndDefs()
    {
        const string schema = """
            {"type":"object","properties":{"a":{"$ref":"#/definitions/name"},"b":{"$ref":"#/$defs/count"}},
             "definitions":{"name":{"type":"string"}},"$defs":{"count":{"type":"integer","minimum":0}}}
            """;
        Valid(schema, """{"a":"x","b":2}""");
        Assert.Equal(["$.a: expected string, got number (1)", "$.b: -1 is less than the minimum 0"], Errors(schema, """{"a":1,"b":-1}"""));
    }

    [Fact]
    public void RecursiveRefs()
    {
        const string schema = """{"$defs":{"node":{"type":"object","properties":{"children":{"type":"array","items":{"$ref":"#/$defs/node"}},"v":{"type":"integer"}}}},"$ref":"#/$defs/node"}""";
        Assert.Equal(["$.children[0].children[0].v: expected integer, got string (\"x\")"], Errors(schema, """{"children":[{"children":[{"v":"x"}]}]}"""));
    }

    [Fact]
    public void AnyOfOneOfAllOfNot()
    {
        const string anyOf = """{"anyOf":[{"type":"string"},{"type":"integer"}]}""";
        Valid(anyOf, "1");
        var error = Assert.Single(Errors(anyOf, "true"));
        Assert.StartsWith("$: does not match any of the anyOf alternatives: [1] $: expected string, got boolean; [2] $: expected integer, got boolean", error, StringComparison.Ordinal);

        const string oneOf = """{"oneOf":[{"type":"number"},{"type":"integer"}]}""";
        Valid(oneOf, "1.5");
        Assert.Equal(["$: matches 2 of the oneOf alternatives (exactly one expected)"], Errors(oneOf, "1"));

        Assert.Equal(["$: 1 is less than the minimum 2"], Errors("""{"allOf":[{"type":"integer"},{"minimum":2}]}""", "1"));
        Assert.Equal(["$: must not match the 'not' schema"], Errors("""{"not":{"type":"null"}}""", "null"));
    }
}

/// <summary>Conditional and less common keywords.</summary>
public sealed class JsonSchemaValidatorExtraKeywordTests
{
    private static string[] Errors(string schema, string data) =>
        [.. JsonSchemaValidator.Compile(JsonNode.Parse(schema)!).Validate(JsonValues.FromNode(JsonNode.Parse(data))).Select(e => e.ToString())];

    [Fact]
    public void IfThenElse()
    {
        const string schema = """{"if":{"properties":{"kind":{"const":"a"}}},"then":{"required":["a"]},"else":{"required":["b"]}}""";
        Assert.Equal(["$: missing required property 'a'"], Errors(schema, """{"kind":"a"}"""));
        Assert.Equal(["$: missing required property 'b'"], Errors(schema, """{"kind":"z"}"""));
        Assert.Empty(Errors(schema, """{"kind":"a","a":1}"""));
    }

    [Fact]
    public void ContainsPropertyNamesDependentRequired()
    {
        Assert.Equal(["$: no item matches the 'contains' schema"], Errors("""{"contains":{"type":"string"}}""", "[1,2]"));
        Assert.Equal(["$.Bad: property name: \"Bad\" does not match the pattern '^[a-z]+$'"], Errors("""{"propertyNames":{"pattern":"^[a-z]+$"}}""", """{"ok":1,"Bad":2}"""));
        Assert.Equal(["$: missing property 'b', required when 'a' is present"], Errors("""{"dependentRequired":{"a":["b"]}}""", """{"a":1}"""));
    }
}
