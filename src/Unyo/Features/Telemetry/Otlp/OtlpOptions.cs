using System.Globalization;

namespace Unyo.Features.Telemetry.Otlp;

// The limit of POST /v1/metrics: UNYO_OTLP_MAX_BYTES, the largest request body, counted after
// gzip is undone (default 16 MiB, 64 KiB to 256 MiB). A larger one is answered 413.
public sealed record OtlpOptions(int MaxBytes)
{
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    public static OtlpOptions From(IConfiguration configuration)
    {
        var text = configuration["UNYO_OTLP_MAX_BYTES"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new OtlpOptions(DefaultMaxBytes);
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes is >= 64 * 1024 and <= 256 * 1024 * 1024
            ? new OtlpOptions(bytes)
            : throw new InvalidOperationException($"UNYO_OTLP_MAX_BYTES '{text}' must be a whole number of bytes from 65536 (64 KiB) to 268435456 (256 MiB).");
    }
}
