using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Features.OnCall.Schedules;

// A schedule as the API and YAML describe it, after validation: canonical spellings everywhere
// (lower-case emails, HH:mm, mon…sun), the form plans compare, exports write and audit keeps.
// Layers keep their order, bottom first: the order is what they mean.
public sealed record ScheduleSpec(string Name, string Team, string TimeZone, string? Description, IReadOnlyList<ScheduleLayerRequest> Layers)
{
    public const string KindName = "Schedule";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    // Every email the layers name, with the field that names it (`layers[0].users[1]`,
    // `layers[2].shifts[5].user`), for the checks that they are enabled users.
    public IEnumerable<(string Field, string Email)> People()
    {
        for (var i = 0; i < Layers.Count; i++)
        {
            for (var j = 0; j < Layers[i].Users!.Count; j++)
            {
                yield return ($"layers[{i}].users[{j}]", Layers[i].Users![j]);
            }
            for (var j = 0; j < (Layers[i].Shifts?.Count ?? 0); j++)
            {
                yield return ($"layers[{i}].shifts[{j}].user", Layers[i].Shifts![j].User!);
            }
        }
    }

    public JsonObject ToDocument()
    {
        var layers = new JsonArray();
        foreach (var layer in Layers)
        {
            var restrictions = new JsonArray();
            foreach (var r in layer.Restrictions ?? [])
            {
                restrictions.Add(new JsonObject()
                    .With("type", r.Type)
                    .With("fromDay", r.FromDay)
                    .With("from", r.From)
                    .With("toDay", r.ToDay)
                    .With("to", r.To)
                    .With("days", r.Days?.ToList()));
            }
            var node = layer.Turn == StoredLayer.FixedTurn
                ? new JsonObject().With("name", layer.Name).With("turn", layer.Turn)
                : new JsonObject()
                    .With("name", layer.Name)
                    .With("users", layer.Users!.ToList())
                    .With("turn", layer.Turn)
                    .With("turnCount", layer.TurnCount)
                    .With("start", layer.Start)
                    .With("end", layer.End);
            if (layer.Shifts is { } shifts)
            {
                node["shifts"] = new JsonArray([.. shifts.Select(s => (JsonNode)new JsonObject().With("user", s.User).With("start", s.Start).With("end", s.End))]);
            }
            if (restrictions.Count > 0)
            {
                node["restrictions"] = restrictions;
            }
            layers.Add(node);
        }
        var spec = new JsonObject()
            .With("timeZone", TimeZone)
            .With("description", Description);
        spec["layers"] = layers;
        return ConfigDocuments.Document(KindName, new JsonObject { ["name"] = Name, ["team"] = Team }, spec);
    }
}
