using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Qalam.Admin;

public static class AdminFeature
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services.AddScoped<AdminPosts>();

    // Every page of the admin area and of accounts needs a signed-in person, except those marked [AllowAnonymous]
    // (setup, sign-in, password reset).
    public static void ProtectAdminPages(this RazorPagesOptions options)
    {
        options.Conventions.AuthorizeFolder("/Admin");
        options.Conventions.AuthorizeFolder("/Accounts");
        options.Conventions.AuthorizeFolder("/Operator");
        options.Conventions.AddPageRoute("/Admin/PostEdit", "admin/{blog:handle}/posts/{id:int}");
    }
}
