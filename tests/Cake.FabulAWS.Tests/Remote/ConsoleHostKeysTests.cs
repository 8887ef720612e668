using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class ConsoleHostKeysTests
{
    public sealed class TheParseMethod
    {
        [Fact]
        public void Should_Read_Both_Cloud_Init_Blocks_With_Or_Without_The_Ec2_Prefix()
        {
            // Given
            var ed = TestKeys.Blob(1);
            var rsa = TestKeys.Blob(2, "ssh-rsa");
            var output = string.Join("\r\n",
                "[   12.5] cloud-init[800]: ci-info: no authorized SSH keys fingerprints found",
                "ec2: #############################################################",
                "ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----",
                $"ec2: 256 {HostKeyFingerprint.Sha256(ed)} root@ip-10-0-0-1 (ED25519)",
                "ec2: 3072 aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99 root@ip-10-0-0-1 (RSA)",
                "ec2: -----END SSH HOST KEY FINGERPRINTS-----",
                "-----BEGIN SSH HOST KEY KEYS-----",
                $"ssh-rsa {Convert.ToBase64String(rsa)} root@ip-10-0-0-1",
                "-----END SSH HOST KEY KEYS-----",
                $"ssh-ed25519 {Convert.ToBase64String(TestKeys.Blob(9))} outside-any-block");

            // When
            var keys = ConsoleHostKeys.Parse(output);

            // Then
            Assert.Equal([HostKeyFingerprint.Sha256(ed), "MD5:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99"], keys.Fingerprints);
            Assert.Equal([rsa], keys.Keys);
            Assert.True(keys.Contains(ed));
            Assert.True(keys.Contains(rsa));
            Assert.False(keys.Contains(TestKeys.Blob(9)));
        }

        [Fact]
        public void Should_Find_Nothing_Before_Cloud_Init_Printed()
        {
            // When
            var keys = ConsoleHostKeys.Parse("[    0.000000] Linux version 6.1.0\n");

            // Then
            Assert.True(keys.IsEmpty);
        }
    }
}
