namespace Unyo.Client;

/// <summary>The server answered with an error (an RFC 9457 problem document).</summary>
public sealed class UnyoApiException : Exception
{
    /// <summary>Creates the exception from a problem response.</summary>
    public UnyoApiException(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors)
        : base(Describe(status, title, detail, errors))
    {
        Status = status;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    /// <summary>HTTP status code.</summary>
    public int Status { get; }
    /// <summary>Short summary of the problem.</summary>
    public string? Title { get; }
    /// <summary>Explanation specific to this request.</summary>
    public string? Detail { get; }
    /// <summary>Field-level errors: field path to messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Describe(int status, string? title, string? detail, IReadOnlyDictionary<string, string[]> errors)
    {
        var lines = new List<string> { $"{status} {title}".TrimEnd() };
        if (!string.IsNullOrEmpty(detail))
        {
            lines.Add(detail);
        }
        lines.AddRange(errors.SelectMany(e => e.Value.Select(message => $"  {e.Key}: {message}")));
        return string.Join(Environment.NewLine, lines);
    }
}
