using System.Net;
using System.Net.Sockets;

namespace Qalam.Http;

public enum FetchProblem
{
    NotHttp,
    InsideAddress,
    TooLarge,
    TimedOut,
    Failed,
}

public abstract record FetchOutcome
{
    public sealed record Fetched(byte[] Bytes) : FetchOutcome;
    public sealed record Refused(FetchProblem Problem, string Detail) : FetchOutcome;
}

// Fetches a file from the public web with limits on size, time and redirects, connecting only to public addresses.
public sealed class PublicWebClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly Func<IPAddress, bool> _allowed;

    public PublicWebClient() : this(PublicAddresses.IsPublic)
    {
    }

    // `allowed` decides which addresses may be connected to: PublicAddresses.IsPublic outside tests.
    public PublicWebClient(Func<IPAddress, bool> allowed)
    {
        _allowed = allowed;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("Qalam-import/1.0");
    }

    public async Task<FetchOutcome> GetAsync(Uri address, long maxBytes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            return new FetchOutcome.Refused(FetchProblem.NotHttp, address.Scheme);
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await _client.GetAsync(address, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                return new FetchOutcome.Refused(FetchProblem.Failed, $"HTTP {(int)response.StatusCode}");
            }
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                return new FetchOutcome.Refused(FetchProblem.TooLarge, $"{response.Content.Headers.ContentLength} bytes");
            }
            await using var body = await response.Content.ReadAsStreamAsync(limit.Token);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, limit.Token)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return new FetchOutcome.Refused(FetchProblem.TooLarge, $"more than {maxBytes} bytes");
                }
                buffer.Write(chunk, 0, read);
            }
            return new FetchOutcome.Fetched(buffer.ToArray());
        }
        catch (HttpRequestException e) when (e.InnerException is InsideAddressException inside)
        {
            return new FetchOutcome.Refused(FetchProblem.InsideAddress, inside.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FetchOutcome.Refused(FetchProblem.TimedOut, $"{timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            return new FetchOutcome.Refused(FetchProblem.Failed, e.Message);
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        // Every address the name has must be public: a name with one public and one inside address could be answered
        // either way on the next lookup.
        if (addresses.Length == 0)
        {
            throw new InsideAddressException($"{host} resolves to no address");
        }
        if (addresses.FirstOrDefault(a => !_allowed(a)) is { } inside)
        {
            throw new InsideAddressException($"{host} resolves to {inside}, which is not a public address");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed class InsideAddressException(string message) : Exception(message);
}
