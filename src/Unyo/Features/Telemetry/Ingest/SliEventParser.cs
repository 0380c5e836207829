using System.Text.Json;

namespace Unyo.Features.Telemetry.Ingest;

// Reads {"events":[…]} with Utf8JsonReader, checks every event and sums them per (SLI, minute)
// in one pass. Allocation-aware: no string per event (names are matched as spans, the last one
// by its bytes), no DateTimeOffset, and runs of events for the same SLI and minute are summed
// before touching the dictionary.
public static class SliEventParser
{
    public static SliEventBatch Parse(ReadOnlySpan<byte> body, SliNames names, DateTimeOffset now, TimeSpan lateHorizon)
    {
        var batch = new SliEventBatch();
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 8 });
        var window = new Window(
            (now - lateHorizon).ToUnixTimeMilliseconds(), (now + SliIngestOptions.FutureSkew).ToUnixTimeMilliseconds(),
            $"is older than the late-data horizon ({SliIngestOptions.Describe(lateHorizon)} before the server's clock).",
            $"is more than {SliIngestOptions.Describe(SliIngestOptions.FutureSkew)} ahead of the server's clock.");
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                batch.Fail("body", """must be a JSON object: {"events":[…]}.""", "malformed");
                return batch;
            }
            var sawEvents = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("events"u8) && !sawEvents)
                {
                    sawEvents = true;
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        batch.Fail("events", "must be a list of events.", "malformed");
                        reader.Skip();
                        continue;
                    }
                    ReadEvents(ref reader, names, window, batch);
                }
                else
                {
                    batch.Fail(reader.GetString()!, sawEvents && reader.ValueTextEquals("events"u8) ? "appears twice." : "is not a known field.", "malformed");
                    reader.Read();
                    reader.Skip();
                }
            }
            if (!sawEvents)
            {
                batch.Fail("events", "is required: a list of events.", "malformed");
            }
            // Anything after the object is not JSON the reader accepts: it throws.
            reader.Read();
        }
        catch (JsonException json)
        {
            var at = batch.Events > 0 ? $"events[{batch.Events - 1}]" : "body";
            batch.Fail(at, $"is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).", "malformed");
        }
        return batch;
    }

    private readonly record struct Window(long OldestMs, long NewestMs, string TooOld, string TooNew);

    private static void ReadEvents(ref Utf8JsonReader reader, SliNames names, Window window, SliEventBatch batch)
    {
        Span<char> nameChars = stackalloc char[256];
        Span<byte> unescaped = stackalloc byte[256];
        ReadOnlySpan<byte> lastName = default;
        SliTarget? lastTarget = null;
        // The run being summed: consecutive events of one SLI in one minute.
        SliTarget? runSli = null;
        long runMinute = 0, runGood = 0, runTotal = 0;
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index == SliIngestOptions.MaxEvents)
            {
                batch.Fail("events", $"holds more than {SliIngestOptions.MaxEvents} events: split the batch.", "too_many", force: true);
                do
                {
                    reader.Skip();
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray);
                return;
            }
            batch.Events = ++index;
            var i = index - 1;
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                batch.Fail($"events[{i}]", "must be an object.", "malformed");
                reader.Skip();
                continue;
            }
            SliTarget? sli = null;
            string? unknown = null;
            bool hasSli = false, hasTimestamp = false, hasGood = false, hasTotal = false, hasOk = false, hasLatency = false, ok = false, broken = false;
            long at = 0, good = 0, total = 0;
            double latency = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("sli"u8))
                {
                    broken |= Twice(ref hasSli, batch, i, "sli");
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        broken = Wrong(ref reader, batch, i, "sli", "must be a string: the SLI's name.", "form");
                    }
                    else if (!reader.ValueIsEscaped && lastTarget is not null && reader.ValueSpan.SequenceEqual(lastName))
                    {
                        sli = lastTarget;
                    }
                    else if (reader.ValueSpan.Length <= nameChars.Length && names.TryFind(nameChars[..reader.CopyString(nameChars)], out var found))
                    {
                        sli = found;
                        if (!reader.ValueIsEscaped)
                        {
                            lastTarget = found;
                            lastName = reader.ValueSpan;
                        }
                    }
                    else
                    {
                        unknown = reader.GetString()!;
                        broken = true;
                    }
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    broken |= Twice(ref hasTimestamp, batch, i, "timestamp");
                    reader.Read();
                    var text = reader.TokenType != JsonTokenType.String ? default
                        : reader.ValueIsEscaped ? (reader.ValueSpan.Length <= unescaped.Length ? unescaped[..reader.CopyString(unescaped)] : default)
                        : reader.ValueSpan;
                    if (!Rfc3339.TryParseUnixMilliseconds(text, out at))
                    {
                        broken = Wrong(ref reader, batch, i, "timestamp", "must be an RFC 3339 timestamp with a time and an offset, such as 2026-03-02T10:15:00Z.", "timestamp");
                    }
                    else if (at < window.OldestMs)
                    {
                        broken = Wrong(ref reader, batch, i, "timestamp", window.TooOld, "too_old");
                    }
                    else if (at > window.NewestMs)
                    {
                        broken = Wrong(ref reader, batch, i, "timestamp", window.TooNew, "future");
                    }
                }
                else if (reader.ValueTextEquals("ok"u8))
                {
                    broken |= Twice(ref hasOk, batch, i, "ok");
                    reader.Read();
                    if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                    {
                        ok = reader.TokenType == JsonTokenType.True;
                    }
                    else
                    {
                        broken = Wrong(ref reader, batch, i, "ok", "must be true or false.", "form");
                    }
                }
                else if (reader.ValueTextEquals("latencyMs"u8))
                {
                    broken |= Twice(ref hasLatency, batch, i, "latencyMs");
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out latency) || latency < 0)
                    {
                        broken = Wrong(ref reader, batch, i, "latencyMs", "must be a number of milliseconds, 0 or more.", "form");
                    }
                }
                else if (reader.ValueTextEquals("good"u8))
                {
                    broken |= Twice(ref hasGood, batch, i, "good");
                    broken |= !Count(ref reader, batch, i, "good", out good);
                }
                else if (reader.ValueTextEquals("total"u8))
                {
                    broken |= Twice(ref hasTotal, batch, i, "total");
                    broken |= !Count(ref reader, batch, i, "total", out total);
                }
                else
                {
                    batch.Fail($"events[{i}].{reader.GetString()}", "is not a known field.", "form");
                    broken = true;
                    reader.Read();
                    reader.Skip();
                }
            }

            if (unknown is not null)
            {
                batch.NoteUnknown(unknown);
                batch.Fail($"events[{i}].sli", $"There is no SLI named '{unknown}'.", "unknown_sli");
            }
            else if (!hasSli)
            {
                broken = Wrong(ref reader, batch, i, "sli", "is required.", "form");
            }
            else if (sli is { Source: not SliSource.Native } other)
            {
                // Two sources would count the same users twice.
                broken = Wrong(ref reader, batch, i, "sli", $"SLI '{other.Name}' takes its data from {other.Source.ToName()}, not from this endpoint.", "wrong_source");
            }
            if (!hasTimestamp)
            {
                broken = Wrong(ref reader, batch, i, "timestamp", "is required.", "form");
            }
            var forms = (hasGood || hasTotal ? 1 : 0) + (hasOk ? 1 : 0) + (hasLatency ? 1 : 0);
            if (forms != 1)
            {
                batch.Fail($"events[{i}]", forms == 0 ? "needs good and total, ok, or latencyMs." : "has more than one of good/total, ok and latencyMs: send one.", "form");
                continue;
            }
            if (hasGood != hasTotal)
            {
                broken = Wrong(ref reader, batch, i, hasGood ? "total" : "good", $"is required with {(hasGood ? "good" : "total")}.", "counts");
            }
            else if (hasGood && good > total && !broken)
            {
                broken = Wrong(ref reader, batch, i, "good", $"is greater than total ({good} > {total}).", "counts");
            }
            if (hasLatency && sli is not null)
            {
                if (sli.Kind != SliKind.Latency)
                {
                    broken = Wrong(ref reader, batch, i, "latencyMs", $"SLI '{sli.Name}' is a ratio SLI: send ok, or good and total.", "form");
                }
                else if (sli.LatencyThresholdMs is null)
                {
                    broken = Wrong(ref reader, batch, i, "latencyMs", $"SLI '{sli.Name}' has no latency threshold: send ok, or good and total.", "form");
                }
            }
            if (broken || !batch.IsValid)
            {
                continue;
            }

            long g, t;
            if (hasOk)
            {
                (g, t) = (ok ? 1 : 0, 1);
            }
            else if (hasLatency)
            {
                (g, t) = (latency <= sli!.LatencyThresholdMs!.Value ? 1 : 0, 1);
            }
            else
            {
                (g, t) = (good, total);
            }
            var minute = Math.DivRem(at, 60_000, out var rem) - (rem < 0 ? 1 : 0);
            if (ReferenceEquals(sli, runSli) && minute == runMinute)
            {
                runGood += g;
                runTotal += t;
                continue;
            }
            if (runSli is not null)
            {
                batch.Add(runSli, runMinute, runGood, runTotal);
            }
            (runSli, runMinute, runGood, runTotal) = (sli, minute, g, t);
        }
        if (runSli is not null && batch.IsValid)
        {
            batch.Add(runSli, runMinute, runGood, runTotal);
        }
    }

    private static bool Twice(ref bool seen, SliEventBatch batch, int index, string field)
    {
        if (seen)
        {
            batch.Fail($"events[{index}].{field}", "appears twice.", "form");
            return true;
        }
        seen = true;
        return false;
    }

    private static bool Count(ref Utf8JsonReader reader, SliEventBatch batch, int index, string field, out long value)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out value))
        {
            value = 0;
            Wrong(ref reader, batch, index, field, "must be a whole number.", "counts");
            return false;
        }
        if (value is < 0 or > SliIngestOptions.MaxCount)
        {
            Wrong(ref reader, batch, index, field, value < 0 ? "must not be negative." : $"must be at most {SliIngestOptions.MaxCount}.", "counts");
            return false;
        }
        return true;
    }

    // Records the problem and skips the value if it was an object or a list; always true (broken).
    private static bool Wrong(ref Utf8JsonReader reader, SliEventBatch batch, int index, string field, string message, string reason)
    {
        batch.Fail($"events[{index}].{field}", message, reason);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
        return true;
    }
}
