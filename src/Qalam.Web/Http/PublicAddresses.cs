using System.Net;
using System.Net.Sockets;

namespace Qalam.Http;

// Addresses Qalam may fetch from on a user's behalf: public ones only. Loopback, private (RFC 1918, unique local),
// link-local (the cloud metadata service at 169.254.169.254 among them), carrier-grade NAT, multicast, unspecified and
// documentation ranges are refused, IPv4 written inside IPv6 too. Checked on the address actually connected to, after
// name resolution and on every redirect, so a name that resolves (or is re-pointed) to an inside address gets nowhere.
public static class PublicAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128) // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) // IETF protocol assignments, TEST-NET-1
                || (b[0] == 198 && b[1] is 18 or 19) // benchmarking
                || (b[0] == 198 && b[1] == 51 && b[2] == 100) || (b[0] == 203 && b[1] == 0 && b[2] == 113)
                || b[0] >= 224); // multicast and reserved
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC // unique local fc00::/7
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B) // NAT64 can reach IPv4 inside addresses
                || address.IsIPv4MappedToIPv6);
        }
        return false;
    }
}

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
