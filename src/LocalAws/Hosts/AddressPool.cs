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

    public AddressPool(Random random)
    {
        a = random.Next(16, 250);
        b = random.Next(0, 200);
    }

    /// <summary>Gets the prefix shared by this server's addresses (127.a.).</summary>
    public string Prefix => $"127.{a}.";

    public string Next()
    {
        lock (gate)
        {
            n++;
            if (n > 254)
            {
                n = 1;
                b = (b + 1) % 256;
            }

            return $"127.{a}.{b}.{n}";
        }
    }
}
