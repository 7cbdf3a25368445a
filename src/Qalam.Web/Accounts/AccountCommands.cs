using System.CommandLine;
using Qalam.Blogs;
using Qalam.Cli;
using Qalam.Storage;

namespace Qalam.Accounts;

// `qalam users` and `qalam tokens`.
public static class AccountCommands
{
    public static IEnumerable<Command> All(CliHost host) => [Users(host), Tokens(host)];

    private static Command Users(CliHost host)
    {
        var email = new Option<string>("--email") { Required = true, Description = "Email address; also the sign-in name." };
        var password = new Option<string>("--password") { Required = true, Description = "At least 10 characters." };
        var name = new Option<string?>("--name") { Description = "The name shown on posts and in the admin area." };
        var role = new Option<string?>("--role") { Description = "owner or admin (everything on every blog) or author (only the blogs they are given). Default: owner for the first user, author after." };
        role.AcceptOnlyFromAmong("owner", "admin", "author");
        var language = new Option<string>("--language") { Description = "Language of the admin area: fa or en.", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong("fa", "en");
        var blog = new Option<string?>("--blog") { Description = "Also make the user an author of this blog." };

        var create = new Command("create", "Create a user.") { email, password, name, role, language, blog };
        create.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var installRole = result.GetValue(role) switch
            {
                "owner" => InstallRole.Owner,
                "admin" => InstallRole.Admin,
                "author" => InstallRole.Member,
                _ => await accounts.AnyAsync(ct) ? InstallRole.Member : InstallRole.Owner,
            };
            var target = await BlogDirectory.FindForCommandAsync(scope, result.GetValue(blog), ct);
            var outcome = await accounts.CreateAsync(
                new NewUser(result.GetValue(email)!, result.GetValue(password)!, result.GetValue(name), installRole, result.GetValue(language)!, AddressConfirmed: true), ct);
            if (outcome is AccountOutcome.Failed failed)
            {
                throw new CliException(string.Join(" ", failed.Errors.Select(e => e.Description)));
            }
            var user = ((AccountOutcome.Created)outcome).User;
            if (target is not null)
            {
                await accounts.GrantAsync(target.Id, user.Id, BlogRole.Author, ct);
            }
            Console.WriteLine($"Created {user.Email} ({Describe(installRole)}).");
        });

        var grantEmail = new Option<string>("--email") { Required = true };
        var grantBlog = new Option<string>("--blog") { Required = true };
        var grantRole = new Option<string>("--role") { Required = true, Description = "owner, editor or author on that blog." };
        grantRole.AcceptOnlyFromAmong("owner", "editor", "author");
        var grant = new Command("grant", "Give a user a role on one blog (or change it).") { grantEmail, grantBlog, grantRole };
        grant.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var user = await accounts.FindByEmailAsync(result.GetValue(grantEmail)!)
                ?? throw new CliException($"No user has the email {result.GetValue(grantEmail)}.");
            var target = (await BlogDirectory.FindForCommandAsync(scope, result.GetValue(grantBlog), ct))!;
            var blogRole = Enum.Parse<BlogRole>(result.GetValue(grantRole)!, ignoreCase: true);
            await accounts.GrantAsync(target.Id, user.Id, blogRole, ct);
            Console.WriteLine($"{user.Email} is now {result.GetValue(grantRole)} of {target.Handle}.");
        });

        var resetEmail = new Option<string>("--email") { Required = true };
        var resetLink = new Command("reset-link", "Print a one-time link (valid for an hour) with which the user chooses a new password; for installs without mail. Give it to them yourself.") { resetEmail };
        resetLink.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>().FindByEmailAsync(result.GetValue(resetEmail)!)
                ?? throw new CliException($"No user has the email {result.GetValue(resetEmail)}.");
            Console.WriteLine(await scope.ServiceProvider.GetRequiredService<PasswordRecovery>().LinkAsync(user));
        });

        return new Command("users", "Manage people.") { create, grant, resetLink };
    }

    private static Command Tokens(CliHost host)
    {
        var email = new Option<string>("--email") { Required = true };
        var name = new Option<string?>("--name") { Description = "A label to recognise the token by." };
        var create = new Command("create", "Create a personal access token and print it alone on stdout.") { email, name };
        create.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>().FindByEmailAsync(result.GetValue(email)!)
                ?? throw new CliException($"No user has the email {result.GetValue(email)}.");
            var secret = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, result.GetValue(name) ?? "command line", ct);
            Console.WriteLine(secret);
        });
        return new Command("tokens", "Manage API tokens.") { create };
    }

    private static string Describe(InstallRole role) => role switch
    {
        InstallRole.Owner => "owner of the install",
        InstallRole.Admin => "administrator of the install",
        _ => "author",
    };
}
