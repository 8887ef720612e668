using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class KnownHostsFileTests : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("known-hosts-");

    public void Dispose() => directory.Delete(recursive: true);

    [Fact]
    public void Should_Treat_A_Missing_File_As_Empty()
    {
        // Given
        var file = KnownHostsFile.Load(Path.Combine(directory.FullName, "none"));

        // When
        var keys = file.TrustedKeys("10.0.0.5");

        // Then
        Assert.Empty(keys);
    }

    [Fact]
    public void Should_Look_Up_By_Port_Form_And_Keep_Revoked_Keys_Apart()
    {
        // Given
        var path = Path.Combine(directory.FullName, "known_hosts");
        File.WriteAllLines(path, [TestKeys.Line("10.0.0.5", 1), TestKeys.Line("[10.0.0.5]:2222", 2), "@revoked " + TestKeys.Line("*", 3)]);
        var file = KnownHostsFile.Load(path);

        // When
        var onPort22 = file.TrustedKeys(KnownHostsFile.LookupName("10.0.0.5", 22));
        var onPort2222 = file.TrustedKeys(KnownHostsFile.LookupName("10.0.0.5", 2222));

        // Then
        Assert.Equal([1], onPort22.Select(e => e.Line));
        Assert.Equal([2], onPort2222.Select(e => e.Line));
        Assert.Equal(3, file.Revoked("[10.0.0.9]:2222", TestKeys.Blob(3))!.Line);
        Assert.Null(file.Revoked("10.0.0.5", TestKeys.Blob(1)));
    }

    [Fact]
    public void Should_Append_Once_To_A_New_Owner_Only_File()
    {
        // Given
        var path = Path.Combine(directory.FullName, "ssh", "known_hosts");
        var file = KnownHostsFile.Load(path);

        // When
        file.Append("[10.0.0.5]:2222", TestKeys.Blob(4));
        file.Append("[10.0.0.5]:2222", TestKeys.Blob(4));

        // Then
        Assert.Equal([TestKeys.Line("[10.0.0.5]:2222", 4)], File.ReadAllLines(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Should_Start_A_New_Line_When_The_File_Does_Not_End_With_One()
    {
        // Given
        var path = Path.Combine(directory.FullName, "known_hosts");
        File.WriteAllText(path, TestKeys.Line("a", 1));

        // When
        KnownHostsFile.Load(path).Append("b", TestKeys.Blob(2));

        // Then
        Assert.Equal([TestKeys.Line("a", 1), TestKeys.Line("b", 2)], File.ReadAllLines(path));
    }
}
