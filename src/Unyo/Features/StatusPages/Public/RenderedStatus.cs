namespace Unyo.Features.StatusPages.Public;

// One page's public views, rendered once and served many times.
public sealed record RenderedStatus(byte[] Html, byte[] Summary, byte[] Atom, string ETag, DateTimeOffset RenderedAt);
