using System.Text;
using BenchmarkDotNet.Attributes;
using Unyo.Client;
using Unyo.Features.Catalog;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Benchmarks;

/// The CPU side of `unyo apply`: reading a repository's YAML into documents with line numbers,
/// and validating every service, for catalogs of realistic size.
[MemoryDiagnoser]
public class CatalogYamlBenchmarks
{
    private ApplyFile[] _files = [];

    [Params(100, 1000)]
    public int Services { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var yaml = new StringBuilder();
        for (var i = 0; i < Services; i++)
        {
            yaml.Append($"""
                ---
                apiVersion: unyo.dev/v1
                kind: Service
                metadata:
                  name: service-{i}
                  team: team-{i % 20}
                spec:
                  displayName: Service {i}
                  tier: {1 + (i % 4)}
                  lifecycle: production
                  description: Service number {i}, which does something important for users.
                  runbookUrl: https://runbooks.example.com/service-{i}
                  tags: [web, team-{i % 20}]
                  links:
                    - title: Dashboard
                      url: https://grafana.example.com/d/service-{i}
                  dependsOn: [{(i > 0 ? $"service-{i - 1}" : "")}]

                """);
        }
        _files = [new ApplyFile("services.yaml", yaml.ToString())];
    }

    [Benchmark]
    public int ReadYaml() => YamlDocumentReader.Read(_files, new ValidationErrors()).Count;

    [Benchmark]
    public int ReadAndValidate()
    {
        var errors = new ValidationErrors();
        var valid = 0;
        foreach (var document in YamlDocumentReader.Read(_files, errors))
        {
            var spec = document.Spec;
            var request = new ServiceRequest
            {
                Name = document.Name,
                Team = document.Metadata?["team"]?.GetValue<string>(),
                Tier = (int?)spec["tier"]?.GetValue<long>(),
                RunbookUrl = spec["runbookUrl"]?.GetValue<string>(),
            };
            valid += ServiceValidator.Validate(request, errors) is null ? 0 : 1;
        }
        return valid;
    }
}
