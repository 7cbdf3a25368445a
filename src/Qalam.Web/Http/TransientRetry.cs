using System.Data.Common;

namespace Qalam.Http;

// When the database is away for a moment — a restart, a failover, a connection the server closed: a DbException the
// provider marks transient — a reading request (GET or HEAD) is answered again from the start, a few times over about
// three seconds, and only then, like any other request that met such a failure, answered 503 with Retry-After (the
// status page says to send again in a few seconds) rather than 500. Only while nothing has been sent yet; the
// response begun by the failed attempt is cleared first.
//
// Reading requests are the ones run again because running them twice changes nothing: visits are written later and
// counted once per reader (VisitWriter), and the one link that acts when followed (confirming a sign-up) does the same
// thing the second time (subscriptions act on a form's POST). A form or an API write is not run again — part of it may
// have been saved — and its sender keeps what they sent (a browser's Back) and is told to send it again. (EF Core's
// retrying execution strategy was not used: it refuses the explicit transactions that saves use.)
public static class TransientRetry
{
    // Waits before each new attempt; about the time a restarting PostgreSQL takes to accept connections again.
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750), TimeSpan.FromSeconds(2)];

    public static IApplicationBuilder UseTransientRetry(this IApplicationBuilder app) =>
        app.Use((context, next) => RunAsync(context, _ => next(), Task.Delay));

    public const int RetryAfterSeconds = 5;

    public static async Task RunAsync(HttpContext context, RequestDelegate next, Func<TimeSpan, CancellationToken, Task> wait)
    {
        var reading = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception e) when (IsTransient(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                var log = context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger(typeof(TransientRetry));
                context.Response.Clear();
                if (!reading || attempt == Waits.Length)
                {
                    log?.LogWarning("{Method} {Path} met the database away ({Message}); answered 503", context.Request.Method, context.Request.Path, e.Message);
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return;
                }
                log?.LogWarning("{Path} met the database away ({Message}); answering it again", context.Request.Path, e.Message);
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
