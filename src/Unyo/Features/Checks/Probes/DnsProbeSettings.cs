using System.Net;
using System.Text.Json;
using DnsClient;
using Unyo.Client;

namespace Unyo.Features.Checks.Probes;

// A DNS check as validated.
public sealed record DnsProbeSettings : ProbeSettings
{
    public const int DefaultResolverPort = 53;
    public const string SystemResolver = "(system resolver)";

    public override CheckType Type => CheckType.Dns;

    // Canonical: lower-case ASCII, no trailing dot.
    public required string Name { get; init; }

    public QueryType RecordType { get; init; } = QueryType.A;

    // Canonical answer texts (see DnsAnswers.TextOf), compared case-insensitively.
    public required IReadOnlyList<string> Expected { get; init; }

    // Null: the server's configured resolvers.
    public IPEndPoint? Resolver { get; init; }

    // A DNS check connects only to its resolver: the guard judges that, not the name asked about,
    // and checks asking the same resolver share its concurrency limit. The server's own resolvers
    // are one target, named so no host name can collide with it.
    public override string TargetHost => Resolver?.Address.ToString() ?? SystemResolver;

    public override object ToContract() => new DnsCheckRequest
    {
        Name = Name,
        RecordType = RecordType.ToString(),
        Expected = Expected.Count == 0 ? null : [.. Expected],
        Resolver = Resolver?.ToString(),
    };

    public override string ToStored() => JsonSerializer.Serialize((DnsCheckRequest)ToContract(), StoredJson);

    public bool Equals(DnsProbeSettings? other) => other is not null && ToStored() == other.ToStored();

    public override int GetHashCode() => ToStored().GetHashCode(StringComparison.Ordinal);
}
