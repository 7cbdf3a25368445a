using System.Collections.Concurrent;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace Qalam.Tests.Infrastructure;

// A real DNS server on a loopback UDP port (ARSoft.Tools.Net), answering from records the test sets, so custom
// domains are checked by the same lookups a production install makes against the Internet's DNS.
public sealed class TestDnsServer : IDisposable
{
    private readonly ConcurrentDictionary<string, List<DnsRecordBase>> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly DnsServer _server;

    private TestDnsServer(int port)
    {
        Port = port;
        _server = new DnsServer(new UdpServerTransport(new IPEndPoint(IPAddress.Loopback, port), 2000));
        _server.QueryReceived += AnswerAsync;
        _server.Start();
    }

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public static TestDnsServer Start()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        probe.Close();
        return new TestDnsServer(port);
    }

    public void Cname(string name, string target) => Set(name, new CNameRecord(DomainName.Parse(name), 60, DomainName.Parse(target)));

    public void A(string name, string address) => Set(name, new ARecord(DomainName.Parse(name), 60, IPAddress.Parse(address)));

    public void Txt(string name, string text) => Set(name, new TxtRecord(DomainName.Parse(name), 60, text));

    public void Clear(string name) => _records.TryRemove(name, out _);

    private void Set(string name, DnsRecordBase record) =>
        _records.AddOrUpdate(name, _ => [record], (_, list) => { lock (list) { list.Add(record); } return list; });

    private Task AnswerAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query || query.Questions.Count != 1)
        {
            return Task.CompletedTask;
        }
        var question = query.Questions[0];
        var response = query.CreateResponseInstance();
        var name = question.Name.ToString().TrimEnd('.');
        if (_records.TryGetValue(name, out var list))
        {
            lock (list)
            {
                // As a resolver does: a name that is a CNAME answers every type with the CNAME.
                var cname = list.OfType<CNameRecord>().FirstOrDefault();
                response.AnswerRecords.AddRange(cname is not null ? [cname] : list.Where(r => r.RecordType == question.RecordType));
            }
            response.ReturnCode = ReturnCode.NoError;
        }
        else
        {
            response.ReturnCode = ReturnCode.NxDomain;
        }
        e.Response = response;
        return Task.CompletedTask;
    }

    public void Dispose() => _server.Stop();
}
