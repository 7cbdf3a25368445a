using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qalam.Localization;

namespace Qalam.Storage;

// Install-wide standing. Owner and Admin may do everything on every blog; a Member acts through blog memberships.
public enum InstallRole
{
    Member = 0,
    Admin = 1,
    Owner = 2,
}

// The person record ASP.NET Core Identity keeps. It lives with the unit of work, which is built on it
// (IdentityDbContext<QalamUser>), so that the features that record an author need not depend on Accounts.
public sealed class QalamUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;
    public const int BioMaxLength = 500;

    // The public name (bylines, author pages, feeds) and a few lines about the person, as plain text.
    public string DisplayName { get; set; } = "";
    public string? Bio { get; set; }

    // The person's photo: Qalam's own name of a square picture kept outside every blog's media (Media/PersonPhotos),
    // at PhotoPathOf(name); null without one.
    public string? PhotoName { get; set; }
    public const int PhotoNameMaxLength = 40;
    public InstallRole InstallRole { get; set; }

    // The language of the admin area for this person; the public pages always speak their blog's language.
    public string Language { get; set; } = Languages.English;
    public DateTime CreatedAt { get; set; }

    public static string? PhotoPathOf(string? photoName) => photoName is null ? null : "/media/_people/" + photoName;

    // The small copy for bylines (PhotoSmallSize pixels square), beside the photo.
    public static string? SmallPhotoPathOf(string? photoName) => photoName is null ? null : "/media/_people/" + SmallPhotoNameOf(photoName);

    public static string SmallPhotoNameOf(string photoName) => Path.GetFileNameWithoutExtension(photoName) + "-" + PhotoSmallSize + ".webp";

    public const int PhotoSize = 320;
    public const int PhotoSmallSize = 64;

    public bool IsInstallAdmin => InstallRole is InstallRole.Owner or InstallRole.Admin;

    // An operator's lock lasts until lifted, far beyond the 15 minutes that failed sign-ins earn.
    public static bool IsLockedByOperator(DateTimeOffset? lockoutEnd, DateTimeOffset now) => lockoutEnd is { } end && end > now.AddYears(1);
}

public sealed class QalamUserConfiguration : IEntityTypeConfiguration<QalamUser>
{
    public void Configure(EntityTypeBuilder<QalamUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(QalamUser.DisplayNameMaxLength);
        builder.Property(u => u.Bio).HasMaxLength(QalamUser.BioMaxLength);
        builder.Property(u => u.Language).HasMaxLength(8);
        builder.Property(u => u.PhotoName).HasMaxLength(QalamUser.PhotoNameMaxLength);
    }
}
