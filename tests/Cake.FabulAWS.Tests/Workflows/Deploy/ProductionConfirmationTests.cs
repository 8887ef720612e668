using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Ports;
using Cake.FabulAWS.Tests.Configuration;
using Cake.FabulAWS.Workflows.Deploy;
using NSubstitute;

namespace Cake.FabulAWS.Tests.Workflows.Deploy;

public sealed class ProductionConfirmationTests
{
    private static readonly DeploymentTarget Production = ConfigText.Parse(ConfigText.With("production_environments: [production]\n")).Resolve("production");

    [Fact]
    public void Should_Go_On_When_The_Person_At_The_Terminal_Types_The_Environment()
    {
        // Given
        var terminal = Terminal(" production \n");

        // When
        ProductionConfirmation.Ensure(Production, "DeployFull", null, terminal);

        // Then
        terminal.Received(1).Ask(Arg.Is<string>(q => q.Contains("production environment 'production' (with downtime)", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("yes", "typed 'yes'")]
    [InlineData(null, "typed ''")]
    public void Should_Refuse_Any_Other_Answer(string? answer, string expected)
    {
        // Given
        var terminal = Terminal(answer);

        // When
        var error = Assert.Throws<CakeException>(() => ProductionConfirmation.Ensure(Production, "DeploySerial", null, terminal));

        // Then
        Assert.Equal($"DeploySerial of production was not confirmed ({expected}). Nothing was changed.", error.Message);
    }

    [Fact]
    public void Should_Accept_Confirm_Naming_The_Environment_Without_Asking()
    {
        // Given
        var terminal = Terminal("anything");

        // When
        ProductionConfirmation.Ensure(Production, "DeploySerial", "production", terminal);

        // Then
        terminal.DidNotReceive().Ask(Arg.Any<string>());
    }

    [Fact]
    public void Should_Refuse_Confirm_Naming_Another_Environment_Even_At_A_Terminal()
    {
        // Given
        var terminal = Terminal("production");

        // When
        var error = Assert.Throws<CakeException>(() => ProductionConfirmation.Ensure(Production, "DeploySerial", "staging", terminal));

        // Then
        Assert.Equal("--confirm=staging does not name this environment: DeploySerial of app/production needs --confirm=production. Nothing was changed.", error.Message);
        terminal.DidNotReceive().Ask(Arg.Any<string>());
    }

    [Fact]
    public void Should_Tell_CI_To_Pass_Confirm()
    {
        // Given
        var ci = Substitute.For<IConfirmation>();
        ci.IsInteractive.Returns(false);

        // When
        var error = Assert.Throws<CakeException>(() => ProductionConfirmation.Ensure(Production, "DeployFull", null, ci));

        // Then
        Assert.Equal("production is a production environment and there is no terminal to confirm DeployFull at: run again with --confirm=production. Nothing was changed.", error.Message);
    }

    [Fact]
    public void Should_Not_Ask_For_Other_Environments()
    {
        // Given
        var staging = ConfigText.Parse(ConfigText.With("production_environments: [production]\n")).Resolve("staging");
        var terminal = Terminal("no");

        // When
        ProductionConfirmation.Ensure(staging, "DeployFull", null, terminal);

        // Then
        terminal.DidNotReceive().Ask(Arg.Any<string>());
    }

    private static IConfirmation Terminal(string? answer)
    {
        var terminal = Substitute.For<IConfirmation>();
        terminal.IsInteractive.Returns(true);
        terminal.Ask(Arg.Any<string>()).Returns(answer);
        return terminal;
    }
}
