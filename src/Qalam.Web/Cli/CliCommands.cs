using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Qalam.Accounts;
using System.Globalization;
using Qalam.Blogs;
using Qalam.Operator;
using Qalam.Search;
using Qalam.Similar;
using Qalam.Storage;

namespace Qalam.Cli;

// The verbs of PRODUCT.md's public contract that exist so far, plus `users grant`.
public static class CliCommands
{
    public static IEnumerable<Command> All(IServiceProvider services)
    {
        yield return Users(services);
        yield return Tokens(services);
        yield return Blogs(services);
        yield return Migrate();
        yield return Reindex(services);
        yield return Invitations(services);
        yield return ImportCommands.Import(services);
        yield return ImportCommands.Export(services, services.GetRequiredService<IConfiguration>());
        yield return Backup(services);
        yield return Restore(services);
    }

    private static Command Users(IServiceProvider services)
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
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var installRole = result.GetValue(role) switch
            {
                "owner" => InstallRole.Owner,
                "admin" => InstallRole.Admin,
                "author" => InstallRole.Member,
                _ => await accounts.AnyAsync(ct) ? InstallRole.Member : InstallRole.Owner,
            };
            var target = await FindBlogAsync(scope, result.GetValue(blog), ct);
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
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var user = await accounts.FindByEmailAsync(result.GetValue(grantEmail)!)
                ?? throw new CliException($"No user has the email {result.GetValue(grantEmail)}.");
            var target = (await FindBlogAsync(scope, result.GetValue(grantBlog), ct))!;
            var blogRole = Enum.Parse<BlogRole>(result.GetValue(grantRole)!, ignoreCase: true);
            await accounts.GrantAsync(target.Id, user.Id, blogRole, ct);
            Console.WriteLine($"{user.Email} is now {result.GetValue(grantRole)} of {target.Handle}.");
        });

        return new Command("users", "Manage people.") { create, grant };
    }

    private static Command Invitations(IServiceProvider services)
    {
        var note = new Option<string?>("--note") { Description = "Whom it is for (shown to operators only)." };
        var days = new Option<int>("--days") { Description = "Days the invitation stays valid.", DefaultValueFactory = _ => 14 };
        var create = new Command("create", "Make a one-time sign-up invitation (for Signup:Mode=Invitation) and print its link alone on stdout.") { note, days };
        create.SetAction(async (result, ct) =>
        {
            if (result.GetValue(days) is < 1 or > 365)
            {
                throw new CliException("--days must be from 1 to 365.");
            }
            await using var scope = services.CreateAsyncScope();
            var code = await scope.ServiceProvider.GetRequiredService<Signup.SignupInvitations>().CreateAsync(result.GetValue(note), TimeSpan.FromDays(result.GetValue(days)), ct);
            var site = scope.ServiceProvider.GetRequiredService<BlogAddresses>().Site(BlogAddresses.LocalOrigin);
            Console.WriteLine($"{site.Origin}/signup?invitation={code}");
        });
        return new Command("invitations", "Invite people to sign up.") { create };
    }

    private static Command Tokens(IServiceProvider services)
    {
        var email = new Option<string>("--email") { Required = true };
        var name = new Option<string?>("--name") { Description = "A label to recognise the token by." };
        var create = new Command("create", "Create a personal access token and print it alone on stdout.") { email, name };
        create.SetAction(async (result, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>().FindByEmailAsync(result.GetValue(email)!)
                ?? throw new CliException($"No user has the email {result.GetValue(email)}.");
            var secret = await scope.ServiceProvider.GetRequiredService<AccessTokens>().CreateAsync(user.Id, result.GetValue(name) ?? "command line", ct);
            Console.WriteLine(secret);
        });
        return new Command("tokens", "Manage API tokens.") { create };
    }

    private static Command Blogs(IServiceProvider services)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog's address: /{handle}." };
        var title = new Option<string>("--title") { Required = true };
        var language = new Option<string>("--language") { Required = true };
        language.AcceptOnlyFromAmong("fa", "en");
        var owner = new Option<string?>("--owner") { Description = "Email of the user who owns the blog." };
        var create = new Command("create", "Create a blog.") { handle, title, language, owner };
        create.SetAction(async (result, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            string? ownerId = null;
            if (result.GetValue(owner) is { } ownerEmail)
            {
                ownerId = (await scope.ServiceProvider.GetRequiredService<UserAccounts>().FindByEmailAsync(ownerEmail)
                    ?? throw new CliException($"No user has the email {ownerEmail}.")).Id;
            }
            var outcome = await scope.ServiceProvider.GetRequiredService<BlogCreator>().CreateAsync(
                new NewBlog(result.GetValue(handle), result.GetValue(title), result.GetValue(language)), ownerId, ct);
            switch (outcome)
            {
                case BlogCreation.Invalid invalid:
                    throw new CliException(string.Join(" ", invalid.Errors.Select(e => e.Message)));
                case BlogCreation.HandleTaken:
                    throw new CliException($"A blog with the handle {result.GetValue(handle)} already exists.");
                case BlogCreation.Created created:
                    Console.WriteLine($"Created blog {created.Blog.Handle}.");
                    break;
            }
        });
        return new Command("blogs", "Manage blogs.") { create, BlogList(services), BlogQuota(services), BlogApprove(services), BlogSuspend(services), BlogResume(services), BlogDelete(services), BlogTransfer(services) };
    }

    // One line per blog, tab-separated: handle, state (active, unconfirmed, awaiting-approval, suspended, or deleting
    // on a date), posts, language,
    // created, title, and the suspension reason.
    private static Command BlogList(IServiceProvider services)
    {
        var list = new Command("list", "List every blog with its state.");
        list.SetAction(async (_, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            foreach (var blog in await scope.ServiceProvider.GetRequiredService<BlogOperator>().ListAsync(ct))
            {
                var state = blog.DeleteAfter is { } after ? $"deleting {after:yyyy-MM-dd'T'HH:mm'Z'}"
                    : blog.SuspendedAt is not null ? "suspended"
                    : blog.AwaitingConfirmation ? "unconfirmed"
                    : blog.AwaitingApproval ? "awaiting-approval"
                    : "active";
                Console.WriteLine(string.Join('\t', blog.Handle, state, blog.Posts.ToString(CultureInfo.InvariantCulture), blog.Language,
                    blog.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), blog.Title, blog.SuspensionReason ?? ""));
            }
        });
        return list;
    }

    private static Command BlogSuspend(IServiceProvider services)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog to suspend." };
        var reason = new Option<string>("--reason") { Required = true, Description = "Shown to readers instead of the blog (at most 500 characters)." };
        var suspend = new Command("suspend", "Hide a blog from readers with a reason; its people keep the admin area.") { handle, reason };
        suspend.SetAction(async (result, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().SuspendAsync(result.GetValue(handle)!, result.GetValue(reason), ct),
                result.GetValue(handle)!, "suspended");
        });
        return suspend;
    }

    private static Command BlogQuota(IServiceProvider services)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog whose limits to set." };
        var posts = new Option<int?>("--posts") { Description = "Most posts (drafts included) the blog may hold; 0 for the install's default (Quotas:Posts)." };
        var media = new Option<int?>("--media-mb") { Description = "Most megabytes of images; 0 for the install's default (Quotas:MediaMegabytes)." };
        var quota = new Command("quota", "Set how much one blog may hold.") { handle, posts, media };
        quota.SetAction(async (result, ct) =>
        {
            if (result.GetValue(posts) is < 0 || result.GetValue(media) is < 0 or > 10_000_000)
            {
                throw new CliException("--posts and --media-mb must be 0 or more (and --media-mb at most 10000000).");
            }
            await using var scope = services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().SetQuotaAsync(result.GetValue(handle)!, result.GetValue(posts), result.GetValue(media), ct),
                result.GetValue(handle)!, "has its new limits");
        });
        return quota;
    }

    private static Command BlogApprove(IServiceProvider services)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The signed-up blog to let readers see." };
        var approve = new Command("approve", "Approve a blog made through sign-up when Signup:Mode is Approval.") { handle };
        approve.SetAction(async (result, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().ApproveAsync(result.GetValue(handle)!, ct), result.GetValue(handle)!, "approved");
        });
        return approve;
    }

    private static Command BlogTransfer(IServiceProvider services)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog to hand over." };
        var to = new Option<string>("--to") { Required = true, Description = "Email of the account that becomes its owner (its owners until now stay on as editors)." };
        var transfer = new Command("transfer", "Make another person the owner of a blog.") { handle, to };
        transfer.SetAction(async (result, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().TransferAsync(result.GetValue(handle)!, result.GetValue(to), ct),
                result.GetValue(handle)!, $"now belongs to {result.GetValue(to)!.Trim()}");
        });
        return transfer;
    }

    private static Command BlogResume(IServiceProvider services)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog to show again." };
        var resume = new Command("resume", "End a suspension, or cancel a deletion that has not happened yet.") { handle };
        resume.SetAction(async (result, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().ResumeAsync(result.GetValue(handle)!, ct), result.GetValue(handle)!, "resumed");
        });
        return resume;
    }

    private static Command BlogDelete(IServiceProvider services)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog to delete." };
        var reason = new Option<string>("--reason") { Description = "Shown to readers until it is gone.", DefaultValueFactory = _ => "This blog has been deleted." };
        var graceDays = new Option<int?>("--grace-days") { Description = "Days before it is removed for good (default: Blogs:DeletionGrace, 30 days); 0 removes it now." };
        var delete = new Command("delete", "Delete a blog: suspended at once, removed with its posts and media after the grace period.") { handle, reason, graceDays };
        delete.SetAction(async (result, ct) =>
        {
            if (result.GetValue(graceDays) is < 0 or > 365)
            {
                throw new CliException("--grace-days must be from 0 to 365.");
            }
            await using var scope = services.CreateAsyncScope();
            var grace = result.GetValue(graceDays) is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
            var (outcome, after) = await scope.ServiceProvider.GetRequiredService<BlogOperator>().DeleteAsync(result.GetValue(handle)!, result.GetValue(reason)!, grace, ct);
            Done(outcome, result.GetValue(handle)!, grace == TimeSpan.Zero ? "deleted" : $"suspended; it will be removed after {after:yyyy-MM-dd'T'HH:mm'Z'} unless resumed");
        });
        return delete;
    }

    private static void Done(OperatorOutcome outcome, string handle, string what)
    {
        switch (outcome)
        {
            case OperatorOutcome.NotFound:
                throw new CliException($"There is no blog with the handle {handle}.");
            case OperatorOutcome.ReasonRequired:
                throw new CliException($"A reason of 1 to {Blog.ReasonMaxLength} characters is required.");
            case OperatorOutcome.UserNotFound:
                throw new CliException("There is no account with that email; create it first with `users create`.");
            default:
                Console.WriteLine($"Blog {handle.Trim().ToLowerInvariant()} {what}.");
                break;
        }
    }

    private static Command Backup(IServiceProvider services)
    {
        var output = new Option<string>("--out") { Required = true, Description = "The zip file to write (replaced if it exists)." };
        var backup = new Command("backup", "Write a consistent copy of the database and every media file into one zip file.") { output };
        backup.SetAction(async (result, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var path = Path.GetFullPath(result.GetValue(output)!);
            try
            {
                var manifest = await scope.ServiceProvider.GetRequiredService<Backups>().WriteAsync(path, ct);
                Console.WriteLine($"Wrote {path}: the {manifest.Provider} database and {manifest.MediaFiles} media files.");
            }
            catch (BackupException e)
            {
                throw new CliException(e.Message);
            }
        });
        return backup;
    }

    private static Command Restore(IServiceProvider services)
    {
        var file = new Argument<string>("FILE") { Description = "A zip file written by `qalam backup`." };
        var replace = new Option<bool>("--replace") { Description = "Overwrite an install that already has blogs or people." };
        var restore = new Command("restore", "Restore a backup into this install (empty, unless --replace), then migrate it.") { file, replace };
        restore.SetAction(async (result, ct) =>
        {
            BackupManifest manifest;
            await using (var scope = services.CreateAsyncScope())
            {
                try
                {
                    manifest = await scope.ServiceProvider.GetRequiredService<Backups>().RestoreAsync(Path.GetFullPath(result.GetValue(file)!), result.GetValue(replace), ct);
                }
                catch (BackupException e)
                {
                    throw new CliException(e.Message);
                }
            }
            await DatabaseMigrator.MigrateAsync(services.GetRequiredService<IServiceScopeFactory>(), services.GetRequiredService<ILogger<DatabaseMigrator>>(), ct);
            Console.WriteLine($"Restored the backup of {manifest.CreatedAt:yyyy-MM-dd'T'HH:mm'Z'} with {manifest.MediaFiles} media files.");
        });
        return restore;
    }

    private static Command Migrate()
    {
        var migrate = new Command("migrate", "Create or update the database schema (the site also does this when it starts).");
        // The schema is brought up to date before any verb runs; this verb exists to do only that.
        migrate.SetAction(_ => Console.WriteLine("The database schema is up to date."));
        return migrate;
    }

    private static Command Reindex(IServiceProvider services)
    {
        var reindex = new Command("reindex", "Recompute similar posts of every blog and rebuild this machine's search index.");
        reindex.SetAction(async (_, ct) =>
        {
            // The search index is rebuilt here when no site has it open; a running site keeps its own up to date.
            var folder = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchOptions>>().Value.IndexDirectory;
            try
            {
                SearchIndex.Clear(folder);
                var index = services.GetRequiredService<SearchIndex>();
                await index.CatchUpAsync(ct);
                Console.WriteLine($"Search index rebuilt: {index.Count} posts.");
            }
            catch (Lucene.Net.Store.LockObtainFailedException)
            {
                Console.WriteLine("The search index is open in a running site, which keeps it up to date; stop the site and run reindex again to rebuild it from scratch.");
            }
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<QalamDb>();
            var builder = scope.ServiceProvider.GetRequiredService<SimilarPostsBuilder>();
            var blogs = await db.Blogs.AsNoTracking().OrderBy(b => b.Id).Select(b => new { b.Id, b.Handle }).ToListAsync(ct);
            foreach (var blog in blogs)
            {
                await builder.RebuildBlogAsync(blog.Id, ct);
                Console.WriteLine($"Reindexed {blog.Handle}.");
            }
        });
        return reindex;
    }

    internal static async Task<BlogView?> FindBlogAsync(AsyncServiceScope scope, string? handle, CancellationToken ct)
    {
        if (handle is null)
        {
            return null;
        }
        return await scope.ServiceProvider.GetRequiredService<BlogDirectory>().FindAsync(handle, ct)
            ?? throw new CliException($"No blog has the handle {handle}.");
    }

    private static string Describe(InstallRole role) => role switch
    {
        InstallRole.Owner => "owner of the install",
        InstallRole.Admin => "administrator of the install",
        _ => "author",
    };
}
