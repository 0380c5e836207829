namespace Unyo.Hosting;

// Collects field-level errors, keyed by field path, for an RFC 9457 `errors` map.
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        // Two objects translated from one document (an OpenSLO SLO and its inline SLI) can find
        // the same fault in the same field; it is said once.
        if (!messages.Contains(message, StringComparer.Ordinal))
        {
            messages.Add(message);
        }
        return this;
    }

    public IEnumerable<(string Field, string Message)> All =>
        _errors.SelectMany(e => e.Value.Select(message => (e.Key, message)));

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
