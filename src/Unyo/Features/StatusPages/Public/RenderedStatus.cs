namespace Unyo.Features.StatusPages.Public;

// One page's public views, rendered once and served many times, each also gzipped once: the page
// with its uptime bars is tens of kilobytes, a few once compressed, and every browser accepts gzip.
public sealed record RenderedStatus(RenderedStatus.Body Html, RenderedStatus.Body Summary, RenderedStatus.Body Atom, string ETag, DateTimeOffset RenderedAt)
{
    public sealed record Body(byte[] Plain, byte[] Gzip)
    {
        public static Body Of(byte[] plain)
        {
            using var buffer = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal))
            {
                gzip.Write(plain);
            }
            return new Body(plain, buffer.ToArray());
        }
    }
}
