namespace Unyo.IntegrationTests.Infrastructure;

/// Files of the repository the tests were built from (docs, examples): what users read is what is tested.
public static class Repository
{
    public static string PathOf(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Unyo.slnx")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        return Path.Combine([directory.FullName, .. parts]);
    }
}
