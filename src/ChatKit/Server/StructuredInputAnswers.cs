using Microsoft.Extensions.Logging;

namespace ChatKit.Server;

/// <summary>Applies a submission to a structured input item with the reference's rules (docs/protocol.md §11).</summary>
internal static class StructuredInputAnswers
{
    public static StructuredInputItem Apply(StructuredInputItem item, StructuredInputSubmission submission, ILogger logger)
    {
        foreach (var key in submission.Answers.Keys.Where(k => item.Inputs.All(i => i.Id != k)))
        {
            logger.LogWarning("Ignoring an answer for unknown question {QuestionId} of item {ItemId}.", key, item.Id);
        }

        var inputs = item.Inputs.Select(input =>
        {
            submission.Answers.TryGetValue(input.Id, out var answer);
            if (submission.Status == StructuredInputStatus.Skipped || answer is null || answer.Skipped || answer.Values.Count == 0)
            {
                return input.WithAnswer(new StructuredInputAnswer { Values = [], Skipped = true });
            }

            var values = input is MultipleChoiceInput { Multiple: false } ? answer.Values.Take(1).ToList() : answer.Values.ToList();
            return input.WithAnswer(new StructuredInputAnswer { Values = values, Skipped = false });
        }).ToList();

        return new StructuredInputItem
        {
            Id = item.Id,
            ThreadId = item.ThreadId,
            CreatedAt = item.CreatedAt,
            Status = submission.Status,
            Inputs = inputs,
        };
    }
}
