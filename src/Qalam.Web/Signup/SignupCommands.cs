using System.CommandLine;
using Qalam.Blogs;
using Qalam.Cli;

namespace Qalam.Signup;

// `qalam invitations`.
public static class SignupCommands
{
    public static IEnumerable<Command> All(CliHost host) => [Invitations(host)];

    private static Command Invitations(CliHost host)
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
            await using var scope = host.Services.CreateAsyncScope();
            var code = await scope.ServiceProvider.GetRequiredService<SignupInvitations>().CreateAsync(result.GetValue(note), TimeSpan.FromDays(result.GetValue(days)), ct);
            var site = scope.ServiceProvider.GetRequiredService<BlogAddresses>().Site(BlogAddresses.LocalOrigin);
            Console.WriteLine($"{site.Origin}/signup?invitation={code}");
        });
        return new Command("invitations", "Invite people to sign up.") { create };
    }
}
