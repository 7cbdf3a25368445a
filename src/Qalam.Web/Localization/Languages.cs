namespace Qalam.Localization;

public static class Languages
{
    public const string Persian = "fa";
    public const string English = "en";

    public static readonly IReadOnlyList<string> Supported = [Persian, English];

    public static bool IsSupported(string? language) => language is Persian or English;

    public static string Normalize(string language) =>
        IsSupported(language) ? language : throw new ArgumentException($"Unsupported language '{language}'.", nameof(language));

    public static string DirectionOf(string language) => language == Persian ? "rtl" : "ltr";
}
