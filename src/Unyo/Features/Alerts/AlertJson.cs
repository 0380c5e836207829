using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Unyo.Features.Alerts;

// Labels and links are stored as JSON text: read whole with their alert, never queried inside.
internal static class AlertJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static readonly ValueConverter<Dictionary<string, string>, string> LabelsConverter = new(
        labels => JsonSerializer.Serialize(labels, Options),
        text => JsonSerializer.Deserialize<Dictionary<string, string>>(text, Options) ?? new());

    public static readonly ValueComparer<Dictionary<string, string>> LabelsComparer = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        labels => labels.Aggregate(0, (hash, pair) => hash ^ HashCode.Combine(pair.Key, pair.Value)),
        labels => new Dictionary<string, string>(labels));

    public static readonly ValueConverter<List<AlertLink>, string> LinksConverter = new(
        links => JsonSerializer.Serialize(links, Options),
        text => JsonSerializer.Deserialize<List<AlertLink>>(text, Options) ?? new());

    public static readonly ValueComparer<List<AlertLink>> LinksComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        links => links.Aggregate(0, (hash, link) => HashCode.Combine(hash, link)),
        links => links.ToList());
}
