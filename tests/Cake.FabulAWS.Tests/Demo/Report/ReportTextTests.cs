using System.Text;
using Demo.Report;

namespace Cake.FabulAWS.Tests.Demo.Report;

public sealed class ReportTextTests
{
    public sealed class TheChartMethod
    {
        [Fact]
        public void Should_Draw_The_Lowest_And_Highest_Capacity_Of_Each_Column_With_The_Phase_Starts()
        {
            // Given: 2 healthy, 3 for a moment in the third column, 1 from the middle of the fifth on; one column = 1 s
            var report = ReportBuilder.Build(
                [new("one", null, 0, 4), new("two", "DeploySerial", 4, 20)],
                [],
                0,
                new Dictionary<string, string>(),
                [new CapacityPoint(0, 2, 2, 2), new CapacityPoint(2.2, 3, 3, 3), new CapacityPoint(2.6, 2, 2, 2), new CapacityPoint(4.5, 1, 1, 1)],
                null,
                new RunFacts(DateTimeOffset.UnixEpoch, 20, "-", "web", 100, 1, null));
            var text = new StringBuilder();

            // When
            ReportText.Chart(text, report, width: 28);

            // Then
            Assert.Equal(
                """
                Healthy in-service instances of web over time:
                    3 |  ░
                    2 |████░
                    1 |████████████████████
                    0 ++---+---------------
                       1   2
                       one column = 1.0 s; numbers: where each phase starts; █ lowest in the column, ░ highest

                """.Replace("\r\n", "\n", StringComparison.Ordinal),
                text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        }
    }
}
