using System.Text.Json.Nodes;
using Unyo.Client;
using Unyo.Features.ConfigAsCode;

namespace Unyo.Tests.ConfigAsCode;

public sealed class DocumentDiffTests
{
    [Fact]
    public void ReportsChangedAddedAndRemovedFieldsOnly()
    {
        var before = JsonNode.Parse("""{"kind":"Service","metadata":{"name":"a","team":"x"},"spec":{"tier":2,"tags":["a"],"links":[{"title":"t","url":"u"}]}}""")!.AsObject();
        var after = JsonNode.Parse("""{"kind":"Service","metadata":{"name":"a","team":"y"},"spec":{"tier":2,"description":"d","links":[{"title":"t","url":"v"}]}}""")!.AsObject();

        var changes = DocumentDiff.Compare(before, after);

        Assert.Equal(
        [
            new FieldChange("metadata.team", "x", "y"),
            new FieldChange("spec.description", null, "d"),
            new FieldChange("spec.links[0].url", "u", "v"),
            new FieldChange("spec.tags", "[a]", null),
        ], changes);
    }
}
