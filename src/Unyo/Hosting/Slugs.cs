using System.Text.RegularExpressions;

namespace Unyo.Hosting;

// Names that appear in URLs, YAML and CLI arguments: lower-case, digits and dashes.
public static partial class Slugs
{
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex Pattern();

    public const string Rule = "must be 2-63 lower-case letters, digits or dashes, starting and ending with a letter or digit.";

    public static bool IsValid(string? name) => name is { Length: >= 2 } && Pattern().IsMatch(name);

    public static void Check(string? name, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(field, "is required.");
        }
        else if (!IsValid(name))
        {
            errors.Add(field, $"'{name}' {Rule}");
        }
    }
}
