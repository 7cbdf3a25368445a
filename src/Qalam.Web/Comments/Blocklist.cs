using System.Net;
using Qalam.Text;

namespace Qalam.Comments;

// A blog's block list, read once per comment. Entries: words or phrases (matched in the folded text, so Arabic
// letter forms and case do not matter), IP addresses or CIDR ranges, and email domains written "@example.com"
// (which also block their subdomains).
public sealed class Blocklist
{
    private readonly List<(string Entry, string Folded)> _words = [];
    private readonly List<(string Text, IPNetwork Network)> _networks = [];
    private readonly List<string> _domains = [];

    public Blocklist(string? text)
    {
        foreach (var raw in (text ?? "").Split('\n'))
        {
            var entry = raw.Trim();
            if (entry.Length == 0 || entry.StartsWith('#'))
            {
                continue;
            }
            if (entry.StartsWith('@') && entry.Length > 1)
            {
                _domains.Add(entry[1..].ToLowerInvariant());
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                _networks.Add((entry, network));
            }
            else if (IPAddress.TryParse(entry, out var single))
            {
                _networks.Add((entry, new IPNetwork(single, single.GetAddressBytes().Length * 8)));
            }
            else if (Folded(entry) is { Length: > 0 } word)
            {
                _words.Add((entry, word));
            }
        }
    }

    public static string Folded(string text) => TextFolding.Fold(text).Replace("\0", "", StringComparison.Ordinal);

    public string? MatchWord(string text)
    {
        if (_words.Count == 0)
        {
            return null;
        }
        var folded = Folded(text);
        return _words.FirstOrDefault(w => folded.Contains(w.Folded, StringComparison.Ordinal)).Entry;
    }

    public string? MatchAddress(string? address)
    {
        if (_networks.Count == 0 || !IPAddress.TryParse(address, out var ip))
        {
            return null;
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        return _networks.FirstOrDefault(n => n.Network.Contains(ip)).Text;
    }

    public string? MatchDomain(string? email)
    {
        var at = email?.LastIndexOf('@') ?? -1;
        if (_domains.Count == 0 || at < 0)
        {
            return null;
        }
        var domain = email![(at + 1)..].ToLowerInvariant();
        return _domains.FirstOrDefault(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }
}
