using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Unyo.Features.Telemetry.Otlp;

// The last cumulative point Unyo saw of one series for one SLI: what the next point's increase
// is measured from. A series is a metric of one instrumentation scope with one set of resource
// and point attributes (SeriesId hashes them). Kept in the database so a restart or another node
// continues where this one stopped; Revision makes concurrent updates optimistic.
public sealed class OtlpSeries
{
    public Guid SliId { get; set; }
    public Guid SeriesId { get; set; }
    public long StartUnixNano { get; set; }
    public long LastUnixNano { get; set; }
    // Sums: the value; histograms: the count.
    public double Value { get; set; }
    // Histograms: each bucket's cumulative count (little-endian longs), and a hash of the bounds
    // they were counted against: new bounds are a reset.
    public byte[]? Buckets { get; set; }
    public long BoundsHash { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public long[] BucketCounts()
    {
        if (Buckets is null)
        {
            return [];
        }
        var counts = new long[Buckets.Length / 8];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = BitConverter.ToInt64(Buckets, i * 8);
        }
        return counts;
    }

    public static byte[] Pack(ulong[] buckets)
    {
        var bytes = new byte[buckets.Length * 8];
        for (var i = 0; i < buckets.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), (long)buckets[i]);
        }
        return bytes;
    }

    public static long HashBounds(double[] bounds)
    {
        var hash = unchecked((long)14695981039346656037UL);
        foreach (var bound in bounds)
        {
            hash = unchecked((hash ^ BitConverter.DoubleToInt64Bits(bound)) * 1099511628211L);
        }
        return hash;
    }

    // SHA-256 of the series' identity, cut to a Guid: collisions are not a practical concern.
    public static Guid Identify(OtlpMetric metric, OtlpPoint point)
    {
        var text = new StringBuilder(256).Append(metric.Name).Append('\0').Append(metric.Scope).Append('\0');
        Append(text, metric.Resource);
        text.Append('\0');
        Append(text, point.Attributes);
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text.ToString(), buffer);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return new Guid(hash[..16]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void Append(StringBuilder text, OtlpAttribute[] attributes)
    {
        var sorted = attributes.Length <= 1 ? attributes : attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToArray();
        foreach (var (key, value) in sorted)
        {
            text.Append(key).Append('=').Append(value).Append('\u001f');
        }
    }
}

internal sealed class OtlpSeriesConfiguration : IEntityTypeConfiguration<OtlpSeries>
{
    public void Configure(EntityTypeBuilder<OtlpSeries> builder)
    {
        builder.HasKey(s => new { s.SliId, s.SeriesId });
        builder.Property(s => s.Buckets).HasMaxLength(8 * 1024);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasOne<Sli>().WithMany().HasForeignKey(s => s.SliId).OnDelete(DeleteBehavior.Cascade);
    }
}
