using Demo;
using Demo.Report;

namespace Cake.FabulAWS.Tests.Demo.Report;

public sealed class ReportBuilderTests
{
    private static readonly RunFacts Facts = new(DateTimeOffset.UnixEpoch, 40, "http://127.0.0.9:8080/", "demo-local-asg", 100, 1, null) { KeptAfterUpgradePage = "2 instance(s) kept for 4 s (4 health checks): i-1, i-2" };

    private static readonly PhaseRecord[] Phases =
    [
        new("Seeded group serving", null, 0, 10),
        new("DeployFull (behind the upgrade page)", "DeployFull", 10, 20, 0),
        new("Code change", null, 20, 21),
        new("DeploySerial (rolling)", "DeploySerial", 21, 40, 0),
    ];

    private static SiteAnswer App(double at, int version, string instance = "i-1") => new(at, 0.01, 200, AnswerKind.Served, version, instance, null);

    private static SiteAnswer Page(double at) => new(at, 0.01, 503, AnswerKind.UpgradePage, null, "i-1", null);

    private static SiteAnswer Failed(double at) => new(at, 5, 0, AnswerKind.Failed, null, null, "no answer within 5 s");

    private static DemoReport Build(params SiteAnswer[] answers) =>
        ReportBuilder.Build(Phases, answers, 0, new Dictionary<string, string> { ["i-1"] = "demo-app-v1 (ami-1)", ["i-2"] = "v2 (ami-2)" }, [], null, Facts);

    public sealed class TheBuildMethod
    {
        [Fact]
        public void Should_Count_Each_Answer_In_The_Phase_It_Was_Sent_In()
        {
            // When
            var report = Build(Failed(1), App(5, 1), App(9.99, 1), Page(10), Page(15), App(19, 1), App(20.5, 1), App(25, 1), App(30, 2, "i-2"), App(39.9, 2, "i-2"));

            // Then
            Assert.True(report.Succeeded, report.Error);
            Assert.Equal(
                [new RequestCounts(3, 2, 1, 0), new RequestCounts(3, 1, 0, 2), new RequestCounts(1, 1, 0, 0), new RequestCounts(3, 3, 0, 0)],
                report.Phases.Select(p => p.Requests));
            Assert.Equal([[1], [1], [1], [1, 2]], report.Phases.Select(p => p.Versions.ToArray()));
            Assert.Equal(new RequestCounts(10, 7, 1, 2), report.Requests);
            Assert.Equal(5, report.SiteUpSeconds);
            Assert.Equal(1, report.FailedBeforeSiteUp);
        }

        [Fact]
        public void Should_Say_What_Was_Seen_When_In_Order()
        {
            // When
            var report = Build(Failed(1), App(5, 1), Page(12), Page(15), App(19, 1), App(30, 2, "i-2"));

            // Then
            Assert.Equal(
                [
                    new SeenReport("failed", null, null, 1, 1, 1, [1]),
                    new SeenReport("version 1", 1, "demo-app-v1 (ami-1)", 5, 19, 2, [1, 2]),
                    new SeenReport("upgrade page (503)", null, null, 12, 15, 2, [2]),
                    new SeenReport("version 2", 2, "v2 (ami-2)", 30, 30, 1, [4]),
                ],
                report.Seen.Select(s => s with { Phases = [.. s.Phases] }),
                new SeenComparer());
        }

        [Fact]
        public void Should_Fail_The_Demo_When_A_Request_Failed_During_DeploySerial()
        {
            // When
            var report = Build(App(5, 1), Page(12), App(25, 1), Failed(30), App(35, 2));

            // Then
            Assert.False(report.Succeeded);
            Assert.Equal("the demo did not show what it should: no failed request during DeploySerial", report.Error);
            Assert.Equal(new CheckReport("no failed request during DeploySerial", false, "1 failed of 3"), report.Checks[0]);
        }

        [Fact]
        public void Should_Fail_The_Demo_When_The_Upgrade_Page_Shows_Outside_DeployFull()
        {
            // When
            var report = Build(App(5, 1), Page(12), App(25, 1), Page(30), App(35, 2));

            // Then
            Assert.Equal(new CheckReport("the upgrade page only during DeployFull", false, "1 during DeployFull, 1 at other times"), report.Checks[1]);
        }

        [Fact]
        public void Should_Fail_The_Demo_When_The_Group_Was_Not_Seen_Keeping_Its_Instances_After_The_Upgrade_Page()
        {
            // When
            var report = ReportBuilder.Build(Phases, [App(5, 1), Page(12), App(25, 1), App(35, 2)], 0, new Dictionary<string, string>(), [], null, Facts with { KeptAfterUpgradePage = null });

            // Then
            Assert.False(report.Succeeded);
            Assert.Equal($"the demo did not show what it should: {ReportBuilder.KeptCheck}", report.Error);
            Assert.Equal(new CheckReport(ReportBuilder.KeptCheck, false, "not watched: the demo stopped before, or the group changed"), report.Checks[2]);
        }

        [Fact]
        public void Should_Fail_The_Demo_When_The_New_Version_Was_Never_Seen()
        {
            // When
            var report = Build(App(5, 1), Page(12), App(25, 1), App(35, 1));

            // Then
            Assert.Equal(new CheckReport("both versions seen", false, "versions 1; first 1, last 1"), report.Checks[3]);
        }

        [Fact]
        public void Should_Keep_The_Reason_A_Run_Stopped_And_Count_No_Requests_Before_The_Client_Started()
        {
            // When
            var report = ReportBuilder.Build(Phases[..2], [Page(12)], 10, new Dictionary<string, string>(), [], "interrupted by SIGTERM", Facts);

            // Then
            Assert.Equal("interrupted by SIGTERM", report.Error);
            Assert.Null(report.Phases[0].Requests);
            Assert.Equal(new CheckReport("no failed request during DeploySerial", false, "DeploySerial did not run"), report.Checks[0]);
        }

        [Fact]
        public void Should_Fail_The_Demo_When_Its_Cleanup_Left_Something()
        {
            // When
            var report = ReportBuilder.Build(Phases, [App(5, 1), Page(12), App(30, 2)], 0, new Dictionary<string, string>(), [], null,
                Facts with { Cleanup = new CleanupReport("/tmp/fabulaws-demo-1", true, ["42 sshd"], ["42 sshd"]) });

            // Then
            Assert.Equal("the cleanup left 1 process(es) or the folder /tmp/fabulaws-demo-1 behind", report.Error);
        }

        private sealed class SeenComparer : IEqualityComparer<SeenReport>
        {
            public bool Equals(SeenReport? x, SeenReport? y) => x! with { Phases = [] } == y! with { Phases = [] } && x.Phases.SequenceEqual(y.Phases);

            public int GetHashCode(SeenReport obj) => obj.What.GetHashCode(StringComparison.Ordinal);
        }
    }
}
