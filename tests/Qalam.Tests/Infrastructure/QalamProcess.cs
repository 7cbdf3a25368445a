using System.Diagnostics;

namespace Qalam.Tests.Infrastructure;

// The command line as an operator's script runs it: the real program in its own process, on a test's database.
public static class QalamProcess
{
    public sealed record Run(int ExitCode, string Stdout, string Stderr);

    public static Task<Run> RunAsync(TestDatabase database, params string[] args) => RunAsync(database, new Dictionary<string, string>(), args);

    public static async Task<Run> RunAsync(TestDatabase database, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qalam.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Storage__Provider"] = database.Provider;
        start.Environment["Storage__ConnectionString"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        // The search index a command builds belongs to this test's database, unless the test names one (a site's).
        if (!environment.ContainsKey("Search__IndexDirectory"))
        {
            start.Environment["Search__IndexDirectory"] = database.Folder("cli-search", shared: true);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await stdout, await stderr);
    }

    // The site itself in its own process on a loopback port (for tests that kill it), its output read and dropped.
    // Settings use configuration keys ("Mail:Host"); the search index and media folders are the run's own.
    public static Process StartSite(TestDatabase database, int port, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "qalam.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["Storage__Provider"] = database.Provider;
        start.Environment["Storage__ConnectionString"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["Qalam__SampleContent"] = "false";
        start.Environment["Search__IndexDirectory"] = database.Folder("site-search");
        start.Environment["Media__Directory"] = database.Folder("site-media");
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
