namespace Unyo.Features.Catalog;

// Finds a cycle in "depends on" edges, so that a dependency map stays a DAG and impact analysis
// (what breaks when X is down) terminates.
public static class DependencyGraph
{
    // Returns one cycle as a path (a → b → a), or null when there is none.
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlyList<string>> edges)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the stack, true: done
        var stack = new List<string>();
        foreach (var start in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (!state.ContainsKey(start) && Visit(start, edges, state, stack) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    private static List<string>? Visit(string node, IReadOnlyDictionary<string, IReadOnlyList<string>> edges, Dictionary<string, bool> state, List<string> stack)
    {
        // Iterative depth-first search: a long dependency chain must not overflow the stack.
        var frames = new Stack<(string Node, int Next)>();
        frames.Push((node, 0));
        state[node] = false;
        stack.Add(node);
        while (frames.Count > 0)
        {
            var (current, next) = frames.Pop();
            var targets = edges.TryGetValue(current, out var t) ? t : [];
            if (next < targets.Count)
            {
                frames.Push((current, next + 1));
                var target = targets[next];
                if (!state.TryGetValue(target, out var done))
                {
                    state[target] = false;
                    stack.Add(target);
                    frames.Push((target, 0));
                }
                else if (!done)
                {
                    return [.. stack[stack.IndexOf(target)..], target];
                }
            }
            else
            {
                state[current] = true;
                stack.RemoveAt(stack.Count - 1);
            }
        }
        return null;
    }
}
