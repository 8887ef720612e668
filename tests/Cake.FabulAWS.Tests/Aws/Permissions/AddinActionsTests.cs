namespace Cake.FabulAWS.Tests.Aws.Permissions;

public sealed class AddinActionsTests
{
    private static readonly Lazy<AddinActions> Fixtures = new(() => AddinActions.Scan(
        typeof(AddinActionsTests).Assembly,
        typeof(ScanFixtures.FixtureAdapter).Namespace!,
        new Dictionary<string, string> { [typeof(ScanFixtures.FixtureAdapter).Namespace!] = "fixture" }));

    public sealed class TheScanMethod
    {
        [Fact]
        public void Should_Find_Literals_Target_Typed_News_Helper_Parameters_And_Ec2_Calls()
        {
            // Given
            var scan = Fixtures.Value;

            // When
            var all = scan.All;

            // Then
            Assert.Equal(
                ["ec2:DescribeRegions", "fixture:NeverReached", "fixture:TargetTyped", "fixture:ThroughAHelper", "fixture:ThroughAnAsyncHelper", "fixture:ThroughAnInterface"],
                all.Order(StringComparer.Ordinal));
        }

        [Fact]
        public void Should_Reach_Through_Interfaces_Helpers_And_State_Machines_From_The_Aliases_Only()
        {
            // Given
            var scan = Fixtures.Value;

            // When
            var reached = scan.Reached;

            // Then
            Assert.Equal(
                ["ec2:DescribeRegions", "fixture:TargetTyped", "fixture:ThroughAHelper", "fixture:ThroughAnAsyncHelper", "fixture:ThroughAnInterface"],
                reached.Order(StringComparer.Ordinal));
            var site = scan.Sites.Single(s => s.Action == "fixture:ThroughAnInterface");
            var path = scan.PathTo(site);
            Assert.StartsWith("Cake.FabulAWS.Tests.Aws.Permissions.ScanFixtures.FixtureAliases.RunAsync -> ", path, StringComparison.Ordinal);
            Assert.Contains("+<RunAsync>d__", path, StringComparison.Ordinal);
            Assert.EndsWith(" -> Cake.FabulAWS.Tests.Aws.Permissions.ScanFixtures.FixtureAdapter.SendAsync", path, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_Report_Every_Action_It_Cannot_Resolve_Instead_Of_Guessing()
        {
            // Given
            var scan = Fixtures.Value;

            // When
            var problems = scan.Problems;

            // Then
            Assert.Equal(5, problems.Count);
            Assert.Contains(problems, p => p.Contains("Unresolvable.FromALocal: the action is not a string literal", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Unresolvable.FromAChoice: the action is not a string literal", StringComparison.Ordinal) && p.Contains("no single source", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("FixtureAdapter.Forward: the action is not a string literal", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Unresolvable.Paginated uses IAmazonEC2.Paginators", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("Unresolvable.OtherClient calls Amazon.SecurityToken.IAmazonSecurityTokenService.GetCallerIdentityAsync", StringComparison.Ordinal));
        }

        [Fact]
        public void Should_Resolve_Every_Action_Of_The_Addin()
        {
            // Given
            var scan = IamPolicyTests.Addin.Value;

            // When
            var problems = scan.Problems;

            // Then
            Assert.True(problems.Count == 0, "The action scan of Cake.FabulAWS could not resolve:\n" + string.Join("\n", problems));
        }

        [Fact]
        public void Should_Find_In_The_Addin_What_Every_Deploy_Sends_From_Every_Alias()
        {
            // Given
            var scan = IamPolicyTests.Addin.Value;

            // When
            var reached = scan.Reached;

            // Then: a known minimum, so a scan that silently finds less fails here.
            string[] minimum =
            [
                "autoscaling:DescribeAutoScalingGroups", "autoscaling:UpdateAutoScalingGroup", "autoscaling:SuspendProcesses", "autoscaling:ResumeProcesses",
                "autoscaling:SetDesiredCapacity", "autoscaling:SetInstanceHealth", "autoscaling:TerminateInstanceInAutoScalingGroup", "autoscaling:EnterStandby",
                "autoscaling:ExitStandby", "autoscaling:CreateOrUpdateTags", "autoscaling:DeleteTags", "autoscaling:CreateLaunchConfiguration",
                "elasticloadbalancing:RegisterInstancesWithLoadBalancer", "elasticloadbalancing:DescribeInstanceHealth", "elasticloadbalancing:RegisterTargets",
                "elasticloadbalancing:DescribeTargetHealth", "ec2:RunInstances", "ec2:DescribeInstances", "ec2:CreateImage", "ec2:TerminateInstances",
                "ec2:CreateLaunchTemplateVersion", "ec2:GetConsoleOutput",
            ];
            Assert.Empty(minimum.Except(reached));
            Assert.True(scan.Aliases.Count >= 20, $"only {scan.Aliases.Count} aliases found");
            Assert.Contains(scan.Aliases, a => a.Name == "FabulAwsDeploySerialAsync");
            Assert.Contains(scan.Aliases, a => a.Name == "FabulAwsLockAsync");
        }
    }
}
