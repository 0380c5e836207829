using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;

namespace Unyo.Hosting;

// Reads a request body into one pooled buffer, undoing gzip, never holding more than maxBytes
// (plus one byte to notice that there was more). The caller returns Buffer to the pool.
public readonly record struct PooledBody(byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Span => Buffer.AsSpan(0, Length);

    public sealed class TooLargeException : Exception;

    public static async Task<PooledBody> ReadAsync(HttpRequest request, int maxBytes, bool gzip, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw new TooLargeException();
        }
        // This endpoint's own limit replaces the server-wide one (4 MiB) for the bytes on the wire.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes + 1L;
        }
        var source = gzip ? new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true) : request.Body;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength * (gzip ? 4 : 1) ?? 64 * 1024, 1, maxBytes) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > maxBytes)
                    {
                        throw new TooLargeException();
                    }
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await source.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, maxBytes + 1) - length), cancellationToken);
                if (read == 0)
                {
                    return new PooledBody(buffer, length);
                }
                length += read;
                if (length > maxBytes)
                {
                    throw new TooLargeException();
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        finally
        {
            if (gzip)
            {
                await source.DisposeAsync();
            }
        }
    }
}
