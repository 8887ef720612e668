using Cake.Core;
using Cake.FabulAWS.Workflows.Autoscaling;

namespace Cake.FabulAWS.Tests.Workflows.Autoscaling;

public sealed class ScalingProcessNamesTests
{
    public sealed class TheParseMethod
    {
        [Fact]
        public void Should_Spell_Names_As_Aws_Does_Once_Each_In_Aws_Order()
        {
            // When
            var names = ScalingProcessNames.Parse(["terminate,LAUNCH", "launch", " azrebalance "]);

            // Then
            Assert.Equal(["Launch", "Terminate", "AZRebalance"], names);
        }

        [Fact]
        public void Should_Mean_Every_Process_When_Nothing_Is_Given()
        {
            // When
            var names = ScalingProcessNames.Parse(null);

            // Then
            Assert.Empty(names);
        }

        [Fact]
        public void Should_List_Every_Unknown_Name_With_A_Hint_And_The_Nine_Processes()
        {
            // When
            var error = Record.Exception(() => ScalingProcessNames.Parse(["Lanuch", "HealthCheck", "Everything"]));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal(
                "Not an Auto Scaling process: 'Lanuch' (did you mean Launch?), 'Everything'. The processes are Launch, Terminate, AddToLoadBalancer, AlarmNotification, AZRebalance, HealthCheck, InstanceRefresh, ReplaceUnhealthy, ScheduledActions; give none for all of them. Nothing was changed.",
                error.Message);
        }
    }
}
