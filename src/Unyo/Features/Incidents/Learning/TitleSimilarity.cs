namespace Unyo.Features.Incidents.Learning;

// Whether two incident titles describe the same problem: the share of their words in common
// (Jaccard over lower-cased words, small filler words left out) is at least a half, or the
// shorter title's words (two at least) all appear in the other. "Checkout 500s after deploy" and "checkout returning
// 500s" match; "Checkout slow" and "Search slow" do not. Cheap and explainable rather than clever.
public static class TitleSimilarity
{
    public const double Threshold = 0.5;

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "from", "with", "by", "is", "are", "was", "were",
        "be", "after", "during", "while", "due", "some", "all", "our",
    };

    public static IReadOnlySet<string> Words(string title)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= title.Length; i++)
        {
            var inWord = i < title.Length && char.IsLetterOrDigit(title[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = title[start..i].ToLowerInvariant();
                if (!Filler.Contains(word))
                {
                    words.Add(word);
                }
                start = -1;
            }
        }
        return words;
    }

    public static bool Similar(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return false;
        }
        var common = a.Count(b.Contains);
        var shorter = Math.Min(a.Count, b.Count);
        return (shorter >= 2 && common == shorter) || (double)common / (a.Count + b.Count - common) >= Threshold;
    }
}
