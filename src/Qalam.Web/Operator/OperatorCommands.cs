using System.CommandLine;
using System.Globalization;
using Qalam.Accounts;
using Qalam.Blogs;
using Qalam.Cli;
using Qalam.Storage;

namespace Qalam.Operator;

// `qalam blogs`, `qalam backup` and `qalam restore`.
public static class OperatorCommands
{
    public static IEnumerable<Command> All(CliHost host) => [Blogs(host), Backup(host), Restore(host)];

    private static Command Blogs(CliHost host)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog's address: /{handle}." };
        var title = new Option<string>("--title") { Required = true };
        var language = new Option<string>("--language") { Required = true };
        language.AcceptOnlyFromAmong("fa", "en");
        var owner = new Option<string?>("--owner") { Description = "Email of the user who owns the blog." };
        var create = new Command("create", "Create a blog.") { handle, title, language, owner };
        create.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
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
        return new Command("blogs", "Manage blogs.") { create, BlogList(host), BlogQuota(host), BlogApprove(host), BlogSuspend(host), BlogResume(host), BlogDelete(host), BlogTransfer(host) };
    }

    // One line per blog, tab-separated: handle, state (active, unconfirmed, awaiting-approval, suspended, or deleting
    // on a date), posts, language,
    // created, title, and the suspension reason.
    private static Command BlogList(CliHost host)
    {
        var list = new Command("list", "List every blog with its state.");
        list.SetAction(async (_, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
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

    private static Command BlogSuspend(CliHost host)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog to suspend." };
        var reason = new Option<string>("--reason") { Required = true, Description = "Shown to readers instead of the blog (at most 500 characters)." };
        var suspend = new Command("suspend", "Hide a blog from readers with a reason; its people keep the admin area.") { handle, reason };
        suspend.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().SuspendAsync(result.GetValue(handle)!, result.GetValue(reason), ct),
                result.GetValue(handle)!, "suspended");
        });
        return suspend;
    }

    private static Command BlogQuota(CliHost host)
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
            await using var scope = host.Services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().SetQuotaAsync(result.GetValue(handle)!, result.GetValue(posts), result.GetValue(media), ct),
                result.GetValue(handle)!, "has its new limits");
        });
        return quota;
    }

    private static Command BlogApprove(CliHost host)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The signed-up blog to let readers see." };
        var approve = new Command("approve", "Approve a blog made through sign-up when Signup:Mode is Approval.") { handle };
        approve.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().ApproveAsync(result.GetValue(handle)!, ct), result.GetValue(handle)!, "approved");
        });
        return approve;
    }

    private static Command BlogTransfer(CliHost host)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog to hand over." };
        var to = new Option<string>("--to") { Required = true, Description = "Email of the account that becomes its owner (its owners until now stay on as editors)." };
        var transfer = new Command("transfer", "Make another person the owner of a blog.") { handle, to };
        transfer.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().TransferAsync(result.GetValue(handle)!, result.GetValue(to), ct),
                result.GetValue(handle)!, $"now belongs to {result.GetValue(to)!.Trim()}");
        });
        return transfer;
    }

    private static Command BlogResume(CliHost host)
    {
        var handle = new Option<string>("--handle") { Required = true, Description = "The blog to show again." };
        var resume = new Command("resume", "End a suspension, or cancel a deletion that has not happened yet.") { handle };
        resume.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            Done(await scope.ServiceProvider.GetRequiredService<BlogOperator>().ResumeAsync(result.GetValue(handle)!, ct), result.GetValue(handle)!, "resumed");
        });
        return resume;
    }

    private static Command BlogDelete(CliHost host)
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
            await using var scope = host.Services.CreateAsyncScope();
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

    private static Command Backup(CliHost host)
    {
        var output = new Option<string>("--out") { Required = true, Description = "The zip file to write (replaced if it exists)." };
        var backup = new Command("backup", "Write a consistent copy of the database and every media file into one zip file.") { output };
        backup.SetAction(async (result, ct) =>
        {
            await using var scope = host.Services.CreateAsyncScope();
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

    private static Command Restore(CliHost host)
    {
        var file = new Argument<string>("FILE") { Description = "A zip file written by `qalam backup`." };
        var replace = new Option<bool>("--replace") { Description = "Overwrite an install that already has blogs or people." };
        var restore = new Command("restore", "Restore a backup into this install (empty, unless --replace), then migrate it.") { file, replace };
        restore.SetAction(async (result, ct) =>
        {
            BackupManifest manifest;
            await using (var scope = host.Services.CreateAsyncScope())
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
            await DatabaseMigrator.MigrateAsync(host.Services.GetRequiredService<IServiceScopeFactory>(), host.Services.GetRequiredService<ILogger<DatabaseMigrator>>(), ct);
            Console.WriteLine($"Restored the backup of {manifest.CreatedAt:yyyy-MM-dd'T'HH:mm'Z'} with {manifest.MediaFiles} media files.");
        });
        return restore;
    }
}
