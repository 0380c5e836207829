namespace Unyo.Client;

/// <summary>One page of a list. Pass <see cref="NextCursor"/> back as <c>cursor</c> for the next page.</summary>
/// <param name="Items">The items on this page, in the list's order.</param>
/// <param name="NextCursor">An opaque cursor for the next page, or null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
