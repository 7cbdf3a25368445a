using System.ComponentModel.DataAnnotations;

namespace Qalam.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    [RegularExpression("^(?i)(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase);
}
