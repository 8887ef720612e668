using Cake.FabulAWS.Workflows.Phases;

namespace Cake.FabulAWS.Tests.Workflows.Phases;

public sealed class GitHubActionsTests
{
    [Fact]
    public void Should_Escape_The_Annotation_As_GitHub_Reads_It()
    {
        // When
        var line = GitHubActions.ErrorAnnotation("DeploySerial of app/prod: failed, rolled back", "100% of\r\nthe instances");

        // Then: the title's ':' and ',' and the message's '%' and line breaks are encoded
        Assert.Equal("::error title=DeploySerial of app/prod%3A failed%2C rolled back::100%25 of%0D%0Athe instances", line);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData(null, false)]
    public void Should_Only_Apply_In_GitHub_Actions(string? value, bool on)
    {
        // When / Then
        Assert.Equal(on, GitHubActions.IsOn(name => name == "GITHUB_ACTIONS" ? value : null));
    }
}
