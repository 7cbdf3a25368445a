using System.Data.Common;

namespace Qalam.Http;

// A reading request (GET or HEAD) that fails because the database was away for a moment — a restart, a failover, a
// connection the server closed: a DbException the provider marks transient — is answered again from the start, a few
// times over about three seconds, before the reader gets an error page. Only while nothing has been sent yet, and the
// response begun by the failed attempt is cleared first.
//
// Reading requests are the ones retried because running them twice changes nothing: visits are written later and
// counted once per reader (VisitWriter), and the one link that acts when followed (confirming a sign-up) does the same
// thing the second time (subscriptions act on a form's POST). Forms and API writes are not retried: the writer
// sees the error and can send again (EF Core's retrying execution strategy was not used, as it refuses the explicit
// transactions that saves use).
public static class TransientRetry
{
    // Waits before each new attempt; about the time a restarting PostgreSQL takes to accept connections again.
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750), TimeSpan.FromSeconds(2)];

    public static IApplicationBuilder UseTransientRetry(this IApplicationBuilder app) =>
        app.Use((context, next) => RunAsync(context, _ => next(), Task.Delay));

    public static async Task RunAsync(HttpContext context, RequestDelegate next, Func<TimeSpan, CancellationToken, Task> wait)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception e) when (attempt < Waits.Length && IsTransient(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(TransientRetry))
                    .LogWarning("{Path} failed for a moment of the database ({Message}); answering it again", context.Request.Path, e.Message);
                context.Response.Clear();
                await wait(Waits[attempt], context.RequestAborted);
            }
        }
    }

    public static bool IsTransient(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
            {
                return true;
            }
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient))
            {
                return true;
            }
        }
        return false;
    }
}
