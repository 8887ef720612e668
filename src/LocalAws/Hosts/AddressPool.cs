namespace LocalAws.Hosts;

/// <summary>
/// Hands out loopback addresses 127.a.b.n with a random a/b per server, so that servers running in parallel
/// (one per test class) never share an address. Addresses are not reused within a server.
/// </summary>
internal sealed class AddressPool
{
    private readonly object gate = new();
    private readonly int a;
    private int b;
    private int n;

    private readonly int[] ports;

    public AddressPool(Random random, int[] ports)
    {
        this.ports = ports;
        a = random.Next(16, 250);
        b = random.Next(0, 200);
    }

    /// <summary>Gets the prefix shared by this server's addresses (127.a.).</summary>
    public string Prefix => $"127.{a}.";

    public string Next()
    {
        lock (gate)
        {
            while (true)
            {
                n++;
                if (n > 254)
                {
                    n = 1;
                    b = (b + 1) % 256;
                }

                var address = $"127.{a}.{b}.{n}";
                if (ports.All(port => Free(address, port)))
                {
                    return address;
                }
            }
        }
    }

    /// <summary>Whether nothing listens on the address and port yet (another server's host, say).</summary>
    private static bool Free(string address, int port)
    {
        try
        {
            using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(address), port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
