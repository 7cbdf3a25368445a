namespace Qalam.Tests.Infrastructure;

public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    // shared/ sits beside the repository's folder, on developer machines and in CI alike.
    public static string SharedTestData(params string[] parts) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine([Root, "..", "shared", "testdata", .. parts]));

    // Every distinct line of the shared XSS payload lists (../shared/testdata/xss/*.txt).
    public static List<string> XssPayloads()
    {
        var payloads = Directory.GetFiles(SharedTestData("xss"), "*.txt")
            .SelectMany(File.ReadAllLines)
            .Where(line => line.Trim().Length > 0)
            .Distinct()
            .ToList();
        Assert.True(payloads.Count > 150, $"expected the shared XSS lists, found {payloads.Count} payloads");
        return payloads;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Qalam.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new DirectoryNotFoundException("Qalam.slnx not found above the test binaries.");
    }
}
