using Unyo.Client;
using Unyo.Features.Catalog;
using Unyo.Hosting;

namespace Unyo.Tests.Catalog;

public sealed class ServiceValidatorTests
{
    [Fact]
    public void DefaultsFillWhatIsLeftOut()
    {
        var errors = new ValidationErrors();

        var definition = ServiceValidator.Validate(new ServiceRequest { Name = "checkout", Team = "payments", Tags = ["b", "a", "a"] }, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal(("checkout", 3, ServiceLifecycle.Production), (definition!.DisplayName, definition.Tier, definition.Lifecycle));
        Assert.Equal(["a", "b"], definition.Tags);
    }

    [Theory]
    [InlineData("A", "name")]
    [InlineData("-checkout", "name")]
    [InlineData("check_out", "name")]
    public void NamesMustBeSlugs(string name, string field)
    {
        var errors = new ValidationErrors();

        Assert.Null(ServiceValidator.Validate(new ServiceRequest { Name = name, Team = "payments" }, errors));
        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void EveryBadFieldIsReportedAtOnce()
    {
        var errors = new ValidationErrors();

        ServiceValidator.Validate(new ServiceRequest
        {
            Name = "svc",
            Team = "payments",
            Tier = 0,
            Lifecycle = "1",
            RunbookUrl = "javascript:alert(1)",
            RepositoryUrl = "/relative",
            Tags = ["has space"],
            DependsOn = ["svc", "Bad"],
        }, errors);

        Assert.Equal(["dependsOn[0]", "dependsOn[1]", "lifecycle", "repositoryUrl", "runbookUrl", "tags[0]", "tier"], errors.ToDictionary().Keys.Order());
    }
}
