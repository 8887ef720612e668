using System.Buffers.Binary;
using System.Text;

namespace Cake.FabulAWS.Tests.Remote;

/// <summary>Public key blobs in SSH wire format (type string, then 32 key bytes), distinct per seed.</summary>
internal static class TestKeys
{
    public static byte[] Blob(byte seed, string type = "ssh-ed25519")
    {
        var name = Encoding.ASCII.GetBytes(type);
        var blob = new byte[4 + name.Length + 4 + 32];
        BinaryPrimitives.WriteInt32BigEndian(blob, name.Length);
        name.CopyTo(blob, 4);
        BinaryPrimitives.WriteInt32BigEndian(blob.AsSpan(4 + name.Length), 32);
        blob.AsSpan(8 + name.Length).Fill(seed);
        return blob;
    }

    public static string Line(string hosts, byte seed) => $"{hosts} ssh-ed25519 {Convert.ToBase64String(Blob(seed))}";
}
