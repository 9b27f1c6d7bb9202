using System.Text.RegularExpressions;
using ChatKit.Widgets.Templates.Jinja;

namespace ChatKit.Widgets.Templates.Schema;

/// <summary>
/// One compiled (sub)schema. Supported keywords: <c>type</c> (string or array), <c>enum</c>, <c>const</c>,
/// <c>properties</c>, <c>patternProperties</c>, <c>required</c>, <c>additionalProperties</c>, <c>minProperties</c>,
/// <c>maxProperties</c>, <c>items</c> (schema, or array form of draft-07), <c>prefixItems</c>, <c>minItems</c>,
/// <c>maxItems</c>, <c>uniqueItems</c>, <c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>,
/// <c>exclusiveMaximum</c>, <c>multipleOf</c>, <c>minLength</c>, <c>maxLength</c>, <c>pattern</c>, <c>$ref</c>,
/// <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c>, <c>not</c>, <c>if</c>/<c>then</c>/<c>else</c>, <c>contains</c>,
/// <c>propertyNames</c>, <c>dependentRequired</c>, and boolean schemas. Other keywords (<c>format</c>,
/// annotations) are ignored.
/// </summary>
internal sealed class SchemaNode
{
    public bool? AlwaysValid { get; init; }

    public string[]? Types { get; init; }

    public List<object?>? Enum { get; init; }

    public bool HasConst { get; init; }

    public object? Const { get; init; }

    public Dictionary<string, SchemaNode>? Properties { get; init; }

    public (Regex Pattern, SchemaNode Schema)[]? PatternProperties { get; init; }

    public string[]? Required { get; init; }

    public SchemaNode? AdditionalProperties { get; init; }

    public int? MinProperties { get; init; }

    public int? MaxProperties { get; init; }

    public SchemaNode? Items { get; init; }

    public SchemaNode[]? PrefixItems { get; init; }

    public int? MinItems { get; init; }

    public int? MaxItems { get; init; }

    public bool UniqueItems { get; init; }

    public double? Minimum { get; init; }

    public double? Maximum { get; init; }

    public double? ExclusiveMinimum { get; init; }

    public double? ExclusiveMaximum { get; init; }

    public double? MultipleOf { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public Regex? Pattern { get; init; }

    public string? PatternSource { get; init; }

    public Func<SchemaNode>? Ref { get; init; }

    public string? RefText { get; init; }

    public SchemaNode[]? AllOf { get; init; }

    public SchemaNode[]? AnyOf { get; init; }

    public SchemaNode[]? OneOf { get; init; }

    public SchemaNode? Not { get; init; }

    public SchemaNode? If { get; init; }

    public SchemaNode? Then { get; init; }

    public SchemaNode? Else { get; init; }

    public SchemaNode? Contains { get; init; }

    public SchemaNode? PropertyNames { get; init; }

    public Dictionary<string, string[]>? DependentRequired { get; init; }

    public void Validate(object? value, SchemaPath path, List<WidgetDataValidationError> errors, int depth = 0)
    {
        if (depth > 64)
        {
            errors.Add(new(path.ToString(), "schema nesting too deep (recursive $ref?)"));
            return;
        }

        if (AlwaysValid is { } always)
        {
            if (!always)
            {
                errors.Add(new(path.ToString(), "no value is allowed here (schema is false)"));
            }

            return;
        }

        if (Ref is not null)
        {
            Ref().Validate(value, path, errors, depth + 1);
        }

        if (Types is not null && !HasAnyType(value, Types))
        {
            var got = SchemaValue.TypeOf(value);
            errors.Add(new(path.ToString(), $"expected {string.Join(" or ", Types)}, got {got}" + (got is "number" or "string" ? $" ({SchemaValue.Display(value)})" : string.Empty)));
            return;
        }

        if (Enum is not null && !IsOneOf(value, Enum))
        {
            errors.Add(new(path.ToString(), $"{SchemaValue.Display(value)} is not one of {string.Join(", ", Enum.Select(SchemaValue.Display))}"));
        }

        if (HasConst && !SchemaValue.JsonEquals(Const, value))
        {
            errors.Add(new(path.ToString(), $"expected the constant {SchemaValue.Display(Const)}, got {SchemaValue.Display(value)}"));
        }

        switch (value)
        {
            case Dictionary<string, object?> obj:
                ValidateObject(obj, path, errors, depth);
                break;
            case List<object?> list:
                ValidateArray(list, path, errors, depth);
                break;
            case string s:
                ValidateString(s, path, errors);
                break;
            case long or double:
                ValidateNumber(PyOps.ToDouble(value), path, errors);
                break;
        }

        ValidateCombinators(value, path, errors, depth);
    }

    private static bool HasAnyType(object? value, string[] types)
    {
        foreach (var type in types)
        {
            if (SchemaValue.HasType(value, type))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOneOf(object? value, List<object?> allowed)
    {
        foreach (var candidate in allowed)
        {
            if (SchemaValue.JsonEquals(candidate, value))
            {
                return true;
            }
        }

        return false;
    }

    private void ValidateObject(Dictionary<string, object?> obj, SchemaPath path, List<WidgetDataValidationError> errors, int depth)
    {
        if (Required is not null)
        {
            foreach (var name in Required)
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add(new(path.ToString(), $"missing required property '{name}'"));
                }
            }
        }

        if (MinProperties is { } minProps && obj.Count < minProps)
        {
            errors.Add(new(path.ToString(), $"expected at least {minProps} properties, got {obj.Count}"));
        }

        if (MaxProperties is { } maxProps && obj.Count > maxProps)
        {
            errors.Add(new(path.ToString(), $"expected at most {maxProps} properties, got {obj.Count}"));
        }

        if (DependentRequired is not null)
        {
            foreach (var (trigger, dependents) in DependentRequired)
            {
                if (!obj.ContainsKey(trigger))
                {
                    continue;
                }

                foreach (var dependent in dependents)
                {
                    if (!obj.ContainsKey(dependent))
                    {
                        errors.Add(new(path.ToString(), $"missing property '{dependent}', required when '{trigger}' is present"));
                    }
                }
            }
        }

        foreach (var (name, propertyValue) in obj)
        {
            if (PropertyNames is not null)
            {
                var nameErrors = new List<WidgetDataValidationError>();
                PropertyNames.Validate(name, path.Property(name), nameErrors, depth + 1);
                foreach (var error in nameErrors)
                {
                    errors.Add(error with { Message = "property name: " + error.Message });
                }
            }

            var matched = false;
            if (Properties is not null && Properties.TryGetValue(name, out var propertySchema))
            {
                matched = true;
                propertySchema.Validate(propertyValue, path.Property(name), errors, depth + 1);
            }

            if (PatternProperties is not null)
            {
                foreach (var (pattern, schema) in PatternProperties)
                {
                    if (pattern.IsMatch(name))
                    {
                        matched = true;
                        schema.Validate(propertyValue, path.Property(name), errors, depth + 1);
                    }
                }
            }

            if (!matched && AdditionalProperties is not null)
            {
                if (AdditionalProperties.AlwaysValid == false)
                {
                    errors.Add(new(path.Property(name).ToString(), "property is not allowed by the schema (additionalProperties is false)"));
                }
                else
                {
                    AdditionalProperties.Validate(propertyValue, path.Property(name), errors, depth + 1);
                }
            }
        }
    }

    private void ValidateArray(List<object?> list, SchemaPath path, List<WidgetDataValidationError> errors, int depth)
    {
        if (MinItems is { } min && list.Count < min)
        {
            errors.Add(new(path.ToString(), $"expected at least {min} item(s), got {list.Count}"));
        }

        if (MaxItems is { } max && list.Count > max)
        {
            errors.Add(new(path.ToString(), $"expected at most {max} item(s), got {list.Count}"));
        }

        if (Contains is not null && !list.Exists(item =>
            {
                var attempt = new List<WidgetDataValidationError>();
                Contains.Validate(item, path, attempt, depth + 1);
                return attempt.Count == 0;
            }))
        {
            errors.Add(new(path.ToString(), "no item matches the 'contains' schema"));
        }

        var prefix = PrefixItems?.Length ?? 0;
        for (var i = 0; i < list.Count; i++)
        {
            var schema = i < prefix ? PrefixItems![i] : Items;
            schema?.Validate(list[i], path.Index(i), errors, depth + 1);
        }

        if (UniqueItems)
        {
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    if (SchemaValue.JsonEquals(list[i], list[j]))
                    {
                        errors.Add(new(path.Index(i).ToString(), $"duplicate of item {j} (uniqueItems)"));
                        break;
                    }
                }
            }
        }
    }

    private void ValidateString(string s, SchemaPath path, List<WidgetDataValidationError> errors)
    {
        if (MinLength is not null || MaxLength is not null)
        {
            var length = PyOps.CodePointCount(s);
            if (MinLength is { } min && length < min)
            {
                errors.Add(new(path.ToString(), $"string is shorter than minLength {min} (length {length})"));
            }

            if (MaxLength is { } max && length > max)
            {
                errors.Add(new(path.ToString(), $"string is longer than maxLength {max} (length {length})"));
            }
        }

        if (Pattern is not null && !Pattern.IsMatch(s))
        {
            errors.Add(new(path.ToString(), $"{SchemaValue.Display(s)} does not match the pattern '{PatternSource}'"));
        }
    }

    private void ValidateNumber(double n, SchemaPath path, List<WidgetDataValidationError> errors)
    {
        if (Minimum is { } min && n < min)
        {
            errors.Add(new(path.ToString(), $"{SchemaValue.Display(n)} is less than the minimum {SchemaValue.Display(min)}"));
        }

        if (Maximum is { } max && n > max)
        {
            errors.Add(new(path.ToString(), $"{SchemaValue.Display(n)} is greater than the maximum {SchemaValue.Display(max)}"));
        }

        if (ExclusiveMinimum is { } xmin && n <= xmin)
        {
            errors.Add(new(path.ToString(), $"{SchemaValue.Display(n)} must be greater than {SchemaValue.Display(xmin)}"));
        }

        if (ExclusiveMaximum is { } xmax && n >= xmax)
        {
            errors.Add(new(path.ToString(), $"{SchemaValue.Display(n)} must be less than {SchemaValue.Display(xmax)}"));
        }

        if (MultipleOf is { } m && m > 0)
        {
            var quotient = n / m;
            if (Math.Abs(quotient - Math.Round(quotient)) > 1e-9 * Math.Max(1, Math.Abs(quotient)))
            {
                errors.Add(new(path.ToString(), $"{SchemaValue.Display(n)} is not a multiple of {SchemaValue.Display(m)}"));
            }
        }
    }

    private void ValidateCombinators(object? value, SchemaPath path, List<WidgetDataValidationError> errors, int depth)
    {
        if (AllOf is not null)
        {
            foreach (var schema in AllOf)
            {
                schema.Validate(value, path, errors, depth + 1);
            }
        }

        if (AnyOf is not null)
        {
            var failures = new List<List<WidgetDataValidationError>>();
            foreach (var schema in AnyOf)
            {
                var attempt = new List<WidgetDataValidationError>();
                schema.Validate(value, path, attempt, depth + 1);
                if (attempt.Count == 0)
                {
                    failures = null;
                    break;
                }

                failures.Add(attempt);
            }

            if (failures is not null)
            {
                errors.Add(new(path.ToString(), "does not match any of the anyOf alternatives: " + Describe(failures)));
            }
        }

        if (OneOf is not null)
        {
            var failures = new List<List<WidgetDataValidationError>>();
            var matches = 0;
            foreach (var schema in OneOf)
            {
                var attempt = new List<WidgetDataValidationError>();
                schema.Validate(value, path, attempt, depth + 1);
                if (attempt.Count == 0)
                {
                    matches++;
                }
                else
                {
                    failures.Add(attempt);
                }
            }

            if (matches == 0)
            {
                errors.Add(new(path.ToString(), "does not match any of the oneOf alternatives: " + Describe(failures)));
            }
            else if (matches > 1)
            {
                errors.Add(new(path.ToString(), $"matches {matches} of the oneOf alternatives (exactly one expected)"));
            }
        }

        if (If is not null && (Then is not null || Else is not null))
        {
            var attempt = new List<WidgetDataValidationError>();
            If.Validate(value, path, attempt, depth + 1);
            (attempt.Count == 0 ? Then : Else)?.Validate(value, path, errors, depth + 1);
        }

        if (Not is not null)
        {
            var attempt = new List<WidgetDataValidationError>();
            Not.Validate(value, path, attempt, depth + 1);
            if (attempt.Count == 0)
            {
                errors.Add(new(path.ToString(), "must not match the 'not' schema"));
            }
        }
    }

    private static string Describe(List<List<WidgetDataValidationError>> failures) =>
        string.Join("; ", failures.Select((f, i) => $"[{i + 1}] " + string.Join(", ", f.Select(e => e.ToString()))));
}
