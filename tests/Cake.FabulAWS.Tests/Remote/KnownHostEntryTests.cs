using System.Security.Cryptography;
using System.Text;
using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class KnownHostEntryTests
{
    public sealed class TheParseMethod
    {
        [Theory]
        [InlineData("")]
        [InlineData("# a comment")]
        [InlineData("host-only")]
        [InlineData("host ssh-ed25519 not*base64")]
        public void Should_Skip_Lines_That_Are_Not_Keys(string line)
        {
            // When
            var entry = KnownHostEntry.Parse(line, 1);

            // Then
            Assert.Null(entry);
        }

        [Fact]
        public void Should_Read_Marker_Hosts_Type_And_Key()
        {
            // Given
            var line = "@revoked " + TestKeys.Line("10.0.0.5,web1", 7) + " comment here";

            // When
            var entry = KnownHostEntry.Parse(line, 12)!;

            // Then
            Assert.Equal(("@revoked", "10.0.0.5,web1", "ssh-ed25519", 12), (entry.Marker, entry.Hosts, entry.KeyType, entry.Line));
            Assert.Equal(TestKeys.Blob(7), entry.Key);
        }
    }

    public sealed class TheMatchesMethod
    {
        [Theory]
        [InlineData("10.0.0.5", "10.0.0.5", true)]
        [InlineData("10.0.0.5", "[10.0.0.5]:2222", false)]
        [InlineData("[10.0.0.5]:2222", "[10.0.0.5]:2222", true)]
        [InlineData("[10.0.0.5]:2222", "10.0.0.5", false)]
        [InlineData("web1,10.0.0.5", "10.0.0.5", true)]
        [InlineData("10.0.0.*", "10.0.0.77", true)]
        [InlineData("10.0.0.?", "10.0.0.77", false)]
        [InlineData("10.0.0.*,!10.0.0.66", "10.0.0.66", false)]
        [InlineData("WEB1.example.com", "web1.example.com", true)]
        public void Should_Match_Plain_Patterns_As_Ssh_Does(string hosts, string lookup, bool expected)
        {
            // Given
            var entry = KnownHostEntry.Parse(TestKeys.Line(hosts, 1), 1)!;

            // When
            var matches = entry.Matches(lookup);

            // Then
            Assert.Equal(expected, matches);
        }

        [Theory]
        [InlineData("[10.0.0.5]:2222", true)]
        [InlineData("10.0.0.5", false)]
        [InlineData("[10.0.0.6]:2222", false)]
        public void Should_Match_Hashed_Entries(string lookup, bool expected)
        {
            // Given
            var salt = RandomNumberGenerator.GetBytes(20);
            var hash = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes("[10.0.0.5]:2222"));
            var entry = KnownHostEntry.Parse(TestKeys.Line($"|1|{Convert.ToBase64String(salt)}|{Convert.ToBase64String(hash)}", 1), 1)!;

            // When
            var matches = entry.Matches(lookup);

            // Then
            Assert.Equal(expected, matches);
        }
    }
}
