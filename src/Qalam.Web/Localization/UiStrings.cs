namespace Qalam.Localization;

// Marker type for the interface text in UiStrings.resx (English) and UiStrings.fa.resx (Persian).
public sealed class UiStrings;
