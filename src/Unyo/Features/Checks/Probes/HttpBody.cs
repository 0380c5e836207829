using System.Buffers;
using System.Text;

namespace Unyo.Features.Checks.Probes;

// The part of an answer's body a probe read: at most maxResponseKb, of which it keeps what the
// assertions need (all of it) or only enough for a snippet. Buffers come from the shared pool and
// go back on Dispose, so a probe that only counts bytes allocates no body at all.
internal sealed class HttpBody : IDisposable
{
    public const int SnippetBytes = 2048;
    public const int SnippetChars = 512;
    private const int ChunkBytes = 16 * 1024;

    private byte[] _buffer;

    private HttpBody(byte[] buffer, Encoding encoding) => (_buffer, Encoding) = (buffer, encoding);

    public int Length { get; private set; }

    public long BytesRead { get; private set; }

    public bool Truncated { get; private set; }

    public Encoding Encoding { get; }

    public ReadOnlyMemory<byte> Kept => _buffer.AsMemory(0, Length);

    public static async Task<HttpBody> ReadAsync(HttpResponseMessage response, HttpProbeSettings settings, ProbeTrace trace, CancellationToken cancellationToken)
    {
        var cap = settings.MaxResponseKb * 1024L;
        var keep = settings.InspectsBody ? cap : Math.Min(cap, SnippetBytes);
        var declared = response.Content.Headers.ContentLength;
        var body = new HttpBody(ArrayPool<byte>.Shared.Rent((int)Math.Clamp(Math.Min(keep, declared ?? ChunkBytes), 256, ChunkBytes)), EncodingOf(response));
        byte[]? scratch = null;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (body.BytesRead < cap)
            {
                var room = cap - body.BytesRead;
                Memory<byte> target;
                if (body.Length < keep)
                {
                    if (body.Length == body._buffer.Length)
                    {
                        body.Grow((int)Math.Min(keep, body._buffer.Length * 2L));
                    }
                    target = body._buffer.AsMemory(body.Length, (int)Math.Min(body._buffer.Length - body.Length, room));
                }
                else
                {
                    scratch ??= ArrayPool<byte>.Shared.Rent(ChunkBytes);
                    target = scratch.AsMemory(0, (int)Math.Min(scratch.Length, room));
                }
                var read = await stream.ReadAsync(target, cancellationToken);
                if (read == 0)
                {
                    break;
                }
                if (body.Length < keep)
                {
                    body.Length += read;
                }
                trace.BytesRead = body.BytesRead += read;
            }
            // Stopped at the cap: the rest is not read (the connection is closed instead). A body
            // of unknown length that ends exactly at the cap is counted as cut too.
            body.Truncated = body.BytesRead >= cap && (declared is null || declared > cap);
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<byte>.Shared.Return(scratch);
            }
        }
    }

    // The start of the body as printable text, for a result a person reads.
    public string? Snippet()
    {
        if (Length == 0)
        {
            return null;
        }
        var bytes = _buffer.AsSpan(0, Math.Min(Length, SnippetBytes));
        var text = Encoding.GetString(bytes);
        if (text.Length > SnippetChars)
        {
            text = text[..SnippetChars];
        }
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(source[i]) && source[i] is not ('\n' or '\t') ? ' ' : source[i];
            }
        });
    }

    private void Grow(int size)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private static Encoding EncodingOf(HttpResponseMessage response)
    {
        var charset = response.Content.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8;
        }
        try
        {
            return Encoding.GetEncoding(charset);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
            Length = 0;
        }
    }
}
