using Unyo.Client;
using Unyo.Features.ConfigAsCode;
using Unyo.Hosting;

namespace Unyo.Tests.ConfigAsCode;

public sealed class YamlDocumentReaderTests
{
    private static List<ConfigDocument> Read(string yaml, ValidationErrors? errors = null) =>
        YamlDocumentReader.Read([new ApplyFile("f.yaml", yaml)], errors ?? new ValidationErrors());

    [Fact]
    public void PlainScalarsAreTypedAndQuotedOnesStayText()
    {
        var document = Read("a: 1\nb: '1'\nc: true\nd: \"true\"\ne: ~\nf: 1.5\ng: 0x1F\nh: yes\n").Single();

        Assert.Equal(1L, document.Root["a"]!.GetValue<long>());
        Assert.Equal("1", document.Root["b"]!.GetValue<string>());
        Assert.True(document.Root["c"]!.GetValue<bool>());
        Assert.Equal("true", document.Root["d"]!.GetValue<string>());
        Assert.Null(document.Root["e"]);
        Assert.Equal(1.5, document.Root["f"]!.GetValue<double>());
        Assert.Equal("0x1F", document.Root["g"]!.GetValue<string>());
        Assert.Equal("yes", document.Root["h"]!.GetValue<string>());
    }

    [Fact]
    public void EveryFieldKnowsItsLine()
    {
        var documents = Read("kind: Team\n---\nkind: Service\nspec:\n  links:\n    - title: x\n      url: y\n");

        Assert.Equal(2, documents.Count);
        Assert.Equal(7, documents[1].Lines["spec.links[0].url"]);
        Assert.Equal("f.yaml (document 2, line 7): spec.links[0].url", documents[1].Locate("spec.links[0].url"));
        Assert.Equal("f.yaml (document 2, line 4): spec.tier", documents[1].Locate("spec.tier"));
    }

    [Fact]
    public void SyntaxErrorsAndDuplicateKeysGiveTheLine()
    {
        var errors = new ValidationErrors();

        Read("a: 1\na: 2\n", errors);

        Assert.Contains(errors.ToDictionary().Keys, k => k.StartsWith("f.yaml (line 2)", StringComparison.Ordinal));
    }

    [Fact]
    public void AliasBombsAreStoppedNotExpanded()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + string.Join("\n", Enumerable.Range(1, 8).Select(i => $"{(char)('a' + i)}: &{(char)('a' + i)} [*{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}, *{(char)('a' + i - 1)}]"));
        var errors = new ValidationErrors();

        var documents = Read(yaml, errors);

        Assert.Empty(documents);
        Assert.Contains(errors.All, e => e.Message.Contains("more than 200000 nodes", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyDocumentsAreSkippedAndNonMappingsRefused()
    {
        var errors = new ValidationErrors();

        var documents = Read("---\n---\n- just\n- a list\n", errors);

        Assert.Empty(documents);
        Assert.Contains(errors.All, e => e.Field.Contains("document 2", StringComparison.Ordinal));
    }
}
