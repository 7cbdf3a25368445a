using Microsoft.Extensions.Logging;

namespace Qalam.Tests.Infrastructure;

// Errors the server logs during tests go to artifacts/test-logs/server-errors.log, so that a 500 seen by a test
// comes with its exception (scripts/test.sh prints the file when a run fails).
public sealed class ServerErrorLog : ILoggerProvider
{
    private static readonly Lock Gate = new();
    private static readonly string File = System.IO.Path.Combine(
        Directory.CreateDirectory(Repo.Path("artifacts", "test-logs")).FullName, "server-errors.log");

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            lock (Gate)
            {
                System.IO.File.AppendAllText(File, $"{DateTime.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}\n{exception}\n\n");
            }
        }
    }
}
