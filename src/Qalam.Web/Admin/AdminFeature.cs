namespace Qalam.Admin;

// The admin area's shell: the layout and navigation every feature's admin pages share (AdminPageModel, AdminChrome,
// _AdminLayout), the person's list of blogs and each blog's dashboard, which gathers posts, comments and visits.
public static class AdminFeature
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services.AddScoped<AdminPosts>();
}
