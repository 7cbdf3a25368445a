using Qalam.Text;

namespace Qalam.Http;

// Requests no handler should see, answered 400 (with the status page) before routing:
// - an address whose path or query holds a control character (%01 and the like; the server itself refuses %00):
//   it names nothing Qalam serves, and a database would refuse U+0000 with an error;
// - a form (application/x-www-form-urlencoded) that cannot be read: beyond the form limits (a field over 4 MB, too
//   many fields) or holding U+0000, which the form reader refuses; model binding would turn either into a server error. Multipart uploads keep their own limits, set by
//   the pages that take them.
public static class MalformedRequests
{
    // Synchronous for what nearly every request is (no form), so the hot path pays no state machine.
    public static Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            // The status page, shown for a request already refused here.
            return next();
        }
        if (!InputText.IsAllowed(request.Path.Value ?? "") || (MayHoldControls(request.QueryString.Value) && !QueryIsClean(request.Query)))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return Task.CompletedTask;
        }
        return request.HasFormContentType && request.ContentType!.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? ReadFormFirstAsync(context, next)
            : next();
    }

    private static async Task ReadFormFirstAsync(HttpContext context, Func<Task> next)
    {
        try
        {
            await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next();
    }

    // The raw query is percent-encoded: a control character in it is written %00 to %1F (or sent raw), and U+FFFE,
    // U+FFFF and lone surrogates as their UTF-8 bytes.
    private static bool MayHoldControls(string? query) =>
        !string.IsNullOrEmpty(query) && (query.Contains("%0", StringComparison.Ordinal) || query.Contains("%1", StringComparison.Ordinal)
            || query.Contains("%EF%BF%BE", StringComparison.OrdinalIgnoreCase) || query.Contains("%EF%BF%BF", StringComparison.OrdinalIgnoreCase)
            || query.Contains("%ED", StringComparison.OrdinalIgnoreCase) || !InputText.IsAllowed(query));

    private static bool QueryIsClean(IQueryCollection query) =>
        query.All(pair => InputText.IsAllowed(pair.Key) && pair.Value.All(v => v is null || InputText.IsAllowed(v)));
}
