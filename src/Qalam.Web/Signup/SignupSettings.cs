using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using Qalam.Storage;

namespace Qalam.Signup;

// What the operator chose in the operator area, kept in the database (one row) so that every node follows it; until
// then Signup:Mode and Signup:DisposableDomains in configuration decide.
public sealed class SignupSettingsRow
{
    public const int SingleId = 1;
    public const int DomainsMaxLength = 20000;

    public int Id { get; private set; } = SingleId;
    public SignupMode Mode { get; set; }
    public string DisposableDomains { get; set; } = "";
}

public sealed class SignupSettingsRowConfiguration : IEntityTypeConfiguration<SignupSettingsRow>
{
    public void Configure(EntityTypeBuilder<SignupSettingsRow> builder)
    {
        builder.ToTable("signup_settings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.DisposableDomains).HasMaxLength(SignupSettingsRow.DomainsMaxLength);
    }
}

// DisposableDomains are normalized (lower case, no "@"), from either source.
public sealed record SignupSettings(SignupMode Mode, IReadOnlyList<string> DisposableDomains, bool ChosenByOperator);

public sealed class SignupSettingsStore(QalamDb db, IOptions<SignupOptions> options)
{
    public async Task<SignupSettings> CurrentAsync(CancellationToken cancellationToken)
    {
        var row = await db.Set<SignupSettingsRow>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == SignupSettingsRow.SingleId, cancellationToken);
        return row is null
            ? new SignupSettings(options.Value.Mode, Domains(string.Join('\n', options.Value.DisposableDomains)), ChosenByOperator: false)
            : new SignupSettings(row.Mode, Domains(row.DisposableDomains), ChosenByOperator: true);
    }

    // Domains one per line (or separated by spaces or commas); "@example.com" and "example.com" mean the same.
    public async Task SaveAsync(SignupMode mode, string? disposableDomains, CancellationToken cancellationToken)
    {
        var row = await db.Set<SignupSettingsRow>().SingleOrDefaultAsync(s => s.Id == SignupSettingsRow.SingleId, cancellationToken);
        if (row is null)
        {
            row = new SignupSettingsRow();
            db.Add(row);
        }
        row.Mode = mode;
        row.DisposableDomains = string.Join('\n', Domains(disposableDomains));
        await db.SaveChangesAsync(cancellationToken);
    }

    public static IReadOnlyList<string> Domains(string? text) =>
        [.. (text ?? "").Split(['\n', '\r', ' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.TrimStart('@').ToLowerInvariant()).Where(d => d.Length is > 0 and <= 253).Distinct(StringComparer.Ordinal)];
}
