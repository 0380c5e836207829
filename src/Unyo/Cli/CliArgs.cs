namespace Unyo.Cli;

// A small parser for `verb --name value --name=value --flag -f value` command lines.
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    public static CliArgs Parse(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var result = new CliArgs();
        var queue = new Queue<string>(args);
        while (queue.Count > 0)
        {
            var arg = queue.Dequeue();
            if (arg.StartsWith('-') && arg != "-")
            {
                var name = arg.TrimStart('-');
                string? value = null;
                var eq = name.IndexOf('=');
                if (eq >= 0)
                {
                    (name, value) = (name[..eq], name[(eq + 1)..]);
                }
                if (flags.Contains(name))
                {
                    result._flags.Add(name);
                    continue;
                }
                if (value is null)
                {
                    if (queue.Count == 0)
                    {
                        throw new CliUsageException($"{arg} needs a value.");
                    }
                    value = queue.Dequeue();
                }
                if (!result._values.TryGetValue(name, out var list))
                {
                    result._values[name] = list = [];
                }
                list.Add(value);
            }
            else
            {
                result.Positional.Add(arg);
            }
        }
        return result;
    }

    public bool Flag(string name) => _flags.Contains(name);

    public string? Value(params string[] names) => names.Select(n => _values.GetValueOrDefault(n)?.LastOrDefault()).FirstOrDefault(v => v is not null);

    public IReadOnlyList<string> Values(params string[] names) => [.. names.SelectMany(n => _values.GetValueOrDefault(n) ?? [])];

    public IEnumerable<string> Names => _values.Keys.Concat(_flags);
}

public sealed class CliUsageException(string message) : Exception(message);
