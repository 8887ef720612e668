namespace Cake.FabulAWS.Tests;

public class SmokeTests
{
    [Fact]
    public void Should_Load_Cake_Core()
    {
        Assert.Equal("Cake.Core", typeof(Cake.Core.ICakeContext).Assembly.GetName().Name);
    }
}
