using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Tests.ConfigAsCode;

public sealed class BackstageTranslatorTests
{
    [Fact]
    public void AComponentBecomesAServiceAndKeepsItsLines()
    {
        var yaml = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\n  title: Web\nspec:\n  owner: group:default/core\n  lifecycle: production\n";
        var warnings = new List<string>();
        var documents = YamlDocumentReader.Read([new ApplyFile("catalog-info.yaml", yaml)], new ValidationErrors());

        var service = BackstageTranslator.Translate(documents, warnings).Single();

        Assert.Equal(("unyo.dev/v1", "Service", "web"), (service.ApiVersion, service.Kind, service.Name));
        Assert.Equal("core", service.Metadata!["team"]!.GetValue<string>());
        Assert.Equal("Web", service.Spec["displayName"]!.GetValue<string>());
        Assert.Equal(7, service.Lines["metadata.team"]);
        Assert.Empty(warnings);
    }

    [Fact]
    public void OtherBackstageKindsAreSkippedWithAWarning()
    {
        var warnings = new List<string>();
        var documents = YamlDocumentReader.Read([new ApplyFile("c.yaml", "apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\n")], new ValidationErrors());

        Assert.Empty(BackstageTranslator.Translate(documents, warnings));
        Assert.Contains("skipped Backstage API 'orders-api'", Assert.Single(warnings));
    }
}
