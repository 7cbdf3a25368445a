using Microsoft.AspNetCore.Identity;
using Qalam.Localization;
using Qalam.Storage;

namespace Qalam.Accounts;

// Identity's messages are English only; the admin area speaks the person's language.
public static class AccountErrors
{
    public static string Describe(IdentityError error, UiText text) => error.Code switch
    {
        "PasswordTooShort" => text["Admin.Error.PasswordTooShort", text.Number(10)],
        "PasswordRequiresUniqueChars" => text["Admin.Error.PasswordTooSimple"],
        "DuplicateEmail" or "DuplicateUserName" => text["Admin.Error.EmailTaken"],
        "InvalidEmail" or "InvalidUserName" => text["Admin.Error.InvalidEmail"],
        "PasswordMismatch" => text["Admin.Error.WrongPassword"],
        "InvalidToken" => text["Admin.Error.InvalidToken"],
        "DisplayNameTooLong" => text["Admin.Error.NameTooLong", text.Number(QalamUser.DisplayNameMaxLength)],
        _ => error.Description,
    };

    public static string FieldOf(IdentityError error) => error.Code switch
    {
        _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        "DisplayNameTooLong" => "Name",
        _ => "Email",
    };
}
