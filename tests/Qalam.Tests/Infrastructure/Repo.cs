namespace Qalam.Tests.Infrastructure;

public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    // shared/ sits beside the repository's folder, on developer machines and in CI alike.
    public static string SharedTestData(params string[] parts) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine([Root, "..", "shared", "testdata", .. parts]));

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
