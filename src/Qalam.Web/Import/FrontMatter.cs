using System.Globalization;
using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Qalam.Import;

// A Markdown file as Jekyll and Hugo write it: front matter in YAML between "---" lines, or in TOML between "+++"
// lines (Hugo), then the body. Keys are compared without case, as both tools do.
internal sealed partial class FrontMatter
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    private readonly Dictionary<string, object?> _values;

    private FrontMatter(Dictionary<string, object?> values, string body, bool present)
    {
        _values = values;
        Body = body;
        Present = present;
    }

    public string Body { get; }
    public bool Present { get; }

    public static FrontMatter Parse(string text)
    {
        text = text.TrimStart('\uFEFF').Replace("\r\n", "\n");
        var match = Block().Match(text);
        if (!match.Success)
        {
            return new FrontMatter(new(StringComparer.OrdinalIgnoreCase), text, present: false);
        }
        var source = match.Groups["matter"].Value;
        var body = text[match.Length..];
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (match.Groups["fence"].Value == "+++")
        {
            TomlTable table;
            try
            {
                table = TomlSerializer.Deserialize<TomlTable>(source)!;
            }
            catch (TomlException e)
            {
                throw new FrontMatterException("its TOML front matter is not valid: " + OneLine(e.Message));
            }
            foreach (var (key, value) in table)
            {
                values[key] = value;
            }
        }
        else
        {
            object? parsed;
            try
            {
                parsed = Yaml.Deserialize<object?>(source);
            }
            catch (YamlException e)
            {
                throw new FrontMatterException($"its YAML front matter is not valid (line {e.Start.Line}): {OneLine(e.InnerException?.Message ?? e.Message)}");
            }
            if (parsed is Dictionary<object, object?> map)
            {
                foreach (var (key, value) in map)
                {
                    values[Convert.ToString(key, CultureInfo.InvariantCulture) ?? ""] = value;
                }
            }
            else if (parsed is not null)
            {
                throw new FrontMatterException("its front matter is not a set of keys and values.");
            }
        }
        return new FrontMatter(values, body, present: true);
    }

    public string? Text(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (_values.TryGetValue(key, out var value) && value is not (null or TomlTable or TomlArray or IList<object?> or IDictionary<object, object?>))
            {
                var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim();
                if (!string.IsNullOrEmpty(text))
                {
                    return text;
                }
            }
        }
        return null;
    }

    // Lists may be written as lists or, as Jekyll allows, as one string of words ("tags: persian poetry").
    public IReadOnlyList<string> List(string key)
    {
        if (!_values.TryGetValue(key, out var value) || value is null)
        {
            return [];
        }
        if (value is IEnumerable<object?> items)
        {
            return items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture)?.Trim()).OfType<string>().Where(i => i.Length > 0).ToList();
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        var separators = text.Contains(',', StringComparison.Ordinal) ? new[] { ',' } : new[] { ' ', '\t' };
        return text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public bool? Flag(string key) => Text(key)?.ToLowerInvariant() switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => null,
    };

    // YAML dates come as text ("2021-01-06", "2021-01-06 08:30:00 +0330"), TOML ones as a TOML date-time.
    public DateTime? Date(string key)
    {
        var text = Text(key);
        if (text is null)
        {
            return null;
        }
        text = CompactOffset().Replace(text, "${sign}${h}:${m}");
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date)
            ? date.UtcDateTime
            : throw new FrontMatterException($"its {key} '{text}' is not a date.");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"\A(?<fence>---|\+\+\+)[ \t]*\n(?<matter>.*?)\n?\k<fence>[ \t]*(?:\n|\z)", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex(@"(?<sign>[+-])(?<h>\d{2})(?<m>\d{2})$")]
    private static partial Regex CompactOffset();
}

public sealed class FrontMatterException(string message) : Exception(message);
