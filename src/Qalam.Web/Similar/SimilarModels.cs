using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Qalam.Similar;

public sealed class SimilarOptions
{
    public const string Section = "Similar";

    // How much memory this node may spend keeping blogs' models for fast per-post updates; a blog whose model does
    // not fit is rebuilt whole on every change, as before.
    [Range(0, 1_000_000)]
    public int ModelMemoryMegabytes { get; set; } = 512;

    // A model older than this, or with changed posts reaching a twentieth of the blog, is replaced by a full rebuild
    // at the next change, which also brings in what other nodes changed meanwhile. (Blogs under 20 posts are
    // rebuilt whole on every change: it takes milliseconds, and their statistics move with each post.)
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ModelLifetime { get; set; } = TimeSpan.FromHours(1);
}

// The models this node keeps, per blog, least recently used dropped first when over the memory budget.
public sealed class SimilarModels(IOptions<SimilarOptions> options, TimeProvider time)
{
    private readonly Dictionary<int, (SimilarModel Model, long Used)> _models = [];
    private long _clock;

    internal SimilarModel? Usable(int blogId)
    {
        lock (_models)
        {
            if (!_models.TryGetValue(blogId, out var kept))
            {
                return null;
            }
            var model = kept.Model;
            if (time.GetUtcNow().UtcDateTime - model.BuiltAt > options.Value.ModelLifetime || model.Changes >= model.Size / 20)
            {
                _models.Remove(blogId);
                return null;
            }
            _models[blogId] = (model, ++_clock);
            return model;
        }
    }

    internal void Keep(int blogId, SimilarModel model)
    {
        var budget = (long)options.Value.ModelMemoryMegabytes * 1024 * 1024;
        lock (_models)
        {
            _models.Remove(blogId);
            if (model.Bytes > budget)
            {
                return;
            }
            while (_models.Values.Sum(m => m.Model.Bytes) + model.Bytes > budget)
            {
                _models.Remove(_models.MinBy(m => m.Value.Used).Key);
            }
            _models[blogId] = (model, ++_clock);
        }
    }

    public void Forget(int blogId)
    {
        lock (_models)
        {
            _models.Remove(blogId);
        }
    }
}
