using System.Net.Sockets;
using System.Text;
using Qalam.Http;

namespace Qalam.Tests.Http;

// The address check runs on every connection the client makes, so a redirect to an address that is not allowed gets
// nowhere. Loopback stands in for the public web here: the client may reach 127.0.0.1 only, and the server there
// redirects to 127.0.0.2, which must never be asked.
public sealed class PublicWebClientTests
{
    [Fact]
    public async Task A_redirect_to_an_address_that_is_not_allowed_is_refused_before_connecting()
    {
        using var allowed = new TcpListener(IPAddress.Loopback, 0);
        allowed.Start();
        using var forbidden = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        forbidden.Start();
        var target = $"http://127.0.0.2:{((IPEndPoint)forbidden.LocalEndpoint).Port}/secret.png";
        var server = Task.Run(async () =>
        {
            using var connection = await allowed.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 302 Found\r\nLocation: {target}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        });
        using var client = new PublicWebClient(address => address.Equals(IPAddress.Loopback));

        var outcome = await client.GetAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)allowed.LocalEndpoint).Port}/photo.png"), 1024 * 1024,
            TimeSpan.FromSeconds(10), CancellationToken.None);

        await server;
        var refused = Assert.IsType<FetchOutcome.Refused>(outcome);
        Assert.Equal(FetchProblem.InsideAddress, refused.Problem);
        Assert.Contains("127.0.0.2", refused.Detail, StringComparison.Ordinal);
        Assert.False(forbidden.Pending(), "the redirect's target was connected to");
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_refused_while_it_is_read()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            _ = await stream.ReadAsync(new byte[4096]);
            // No Content-Length: the limit must hold while reading.
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nConnection: close\r\n\r\n"));
            var chunk = new byte[64 * 1024];
            try
            {
                for (var i = 0; i < 64; i++)
                {
                    await stream.WriteAsync(chunk);
                }
            }
            catch (IOException)
            {
                // The client hung up, as it should.
            }
        });
        using var client = new PublicWebClient(address => IPAddress.IsLoopback(address));

        var outcome = await client.GetAsync(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/big.png"), 256 * 1024,
            TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(FetchProblem.TooLarge, Assert.IsType<FetchOutcome.Refused>(outcome).Problem);
        await server;
    }
}
