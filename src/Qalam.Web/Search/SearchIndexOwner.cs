namespace Qalam.Search;

// One process at a time owns an index folder: a site, or `qalam reindex` when no site runs on it. Lucene's own write
// lock did not keep a second process out here (reindex beside a running site emptied the site's index and failed with
// "Could not find file …/_b.fdx"), so Qalam holds a lock of its own: a file opened with FileShare.None, which .NET
// enforces between processes (flock on Linux). It is released when the process ends, however it ends.
public sealed class SearchIndexOwner : IDisposable
{
    private const string LockFile = "qalam-owner.lock";

    private readonly FileStream _file;

    private SearchIndexOwner(FileStream file) => _file = file;

    // Null when another process owns the folder for longer than `wait`.
    public static SearchIndexOwner? Take(string path, TimeSpan wait)
    {
        System.IO.Directory.CreateDirectory(path);
        var until = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new SearchIndexOwner(new FileStream(Path.Combine(path, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(200);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
