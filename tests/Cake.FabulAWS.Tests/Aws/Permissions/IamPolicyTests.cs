using System.Reflection;
using System.Text.RegularExpressions;
using Amazon.EC2;
using Cake.FabulAWS.Tests.Configuration;
using Cake.FabulAWS.Workflows.LaunchConfig;

namespace Cake.FabulAWS.Tests.Aws.Permissions;

/// <summary>deploy/iam-policy.json against the actions the compiled adapters send (see <see cref="AddinActions"/>).</summary>
public sealed class IamPolicyTests
{
    internal static readonly Lazy<AddinActions> Addin = new(AddinActions.ScanAddin);

    /// <summary>
    /// Actions AWS checks on the caller's behalf while it runs another one, which no adapter sends: the policy needs
    /// them exactly when it allows one of the actions that need them.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, (string[] NeededBy, string Why)> DependentActions = new Dictionary<string, (string[], string)>
    {
        ["ec2:CreateTags"] = (["ec2:RunInstances", "ec2:CreateImage", "autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup"],
            "tags given at launch and on new images (TagSpecifications), and those of a launch template the group launches from"),
        ["iam:PassRole"] = (["ec2:RunInstances", "autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup", "autoscaling:UpdateAutoScalingGroup", "autoscaling:StartInstanceRefresh"],
            "a launch template or configuration with an instance profile"),
        ["iam:CreateServiceLinkedRole"] = (["autoscaling:CreateAutoScalingGroup"], "the first group of an account creates Auto Scaling's service-linked role"),
        ["ec2:DescribeInstanceAttribute"] = (["autoscaling:CreateLaunchConfiguration"], "Auto Scaling checks a new launch configuration with the caller's EC2 permissions"),
        ["ec2:DescribeKeyPairs"] = (["autoscaling:CreateLaunchConfiguration"], "the same check: the configuration's key pair"),
        ["ec2:DescribeSecurityGroups"] = (["autoscaling:CreateLaunchConfiguration"], "the same check: its security groups"),
        ["ec2:DescribeSpotInstanceRequests"] = (["autoscaling:CreateLaunchConfiguration"], "the same check: its spot price"),
        ["ec2:DescribeVpcClassicLink"] = (["autoscaling:CreateLaunchConfiguration"], "the same check: its ClassicLink VPC"),
    };

    /// <summary>
    /// Actions an adapter can send that no target reaches, so the policy leaves them out. A change here is a decision:
    /// an action that leaves this list because a target now sends it must be added to the policy (the tests say so).
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string> SentByNoTarget = new Dictionary<string, string>
    {
        ["autoscaling:CancelInstanceRefresh"] = "IInstanceRefreshes.CancelAsync: deploys roll a refresh back, never cancel it",
        ["autoscaling:DescribeAutoScalingInstances"] = "IGroupInstances.DescribeAsync: the workflows read instances from the group's description",
        ["ec2:CreateTags"] = "IInstances.TagAsync: every instance and image is tagged as it is created (a dependent action, allowed only for that)",
        ["ec2:ModifyLaunchTemplate"] = "ILaunchTemplates.SetDefaultVersionAsync: groups are pinned to a numbered version, never to the default",
        ["elasticloadbalancing:ConfigureHealthCheck"] = "IEnvironmentProvisioning.ConfigureHealthCheckAsync: CreateEnvironment expects the load balancer to exist",
        ["elasticloadbalancing:CreateLoadBalancer"] = "IEnvironmentProvisioning.CreateClassicLoadBalancerAsync: the same",
    };

    private static readonly Lazy<IamPolicy> Policy = new(IamPolicy.Load);

    private static IEnumerable<string> Needed(AddinActions scan) =>
        DependentActions.Where(d => d.Value.NeededBy.Any(scan.Reached.Contains)).Select(d => d.Key);

    public sealed class TheActions
    {
        [Fact]
        public void Should_Allow_Every_Action_A_Target_Sends()
        {
            // Given
            var scan = Addin.Value;

            // When
            var missing = scan.Reached.Except(Policy.Value.Actions).Order(StringComparer.Ordinal).ToList();

            // Then
            Assert.True(missing.Count == 0, $"{IamPolicy.FileName} lacks actions the targets send:\n" + string.Join("\n", missing.Select(action =>
            {
                var site = scan.Sites.First(s => s.Action == action && scan.Reached.Contains(s.Action));
                return $"  {action}: sent at {site}, reached by {scan.PathTo(site)}";
            })));
        }

        [Fact]
        public void Should_Allow_No_Action_No_Target_Needs()
        {
            // Given
            var scan = Addin.Value;
            var needed = scan.Reached.Concat(Needed(scan)).ToHashSet();

            // When
            var extra = Policy.Value.Actions.Except(needed).Order(StringComparer.Ordinal).ToList();

            // Then
            Assert.True(extra.Count == 0, $"{IamPolicy.FileName} allows actions no target sends or needs:\n" + string.Join("\n", extra.Select(action =>
                scan.All.Contains(action)
                    ? $"  {action}: an adapter sends it ({scan.Sites.First(s => s.Action == action)}) but no alias reaches it"
                    : DependentActions.TryGetValue(action, out var dependent)
                        ? $"  {action}: needed only by {string.Join(", ", dependent.NeededBy)}, which no target sends"
                        : $"  {action}: no adapter sends it; if AWS checks it on behalf of another action, add it to {nameof(DependentActions)}")));
        }

        [Fact]
        public void Should_Allow_The_Dependent_Actions_Of_What_The_Targets_Send()
        {
            // Given
            var scan = Addin.Value;

            // When
            var missing = Needed(scan).Except(Policy.Value.Actions).Order(StringComparer.Ordinal).ToList();

            // Then
            Assert.True(missing.Count == 0, $"{IamPolicy.FileName} lacks dependent actions:\n" + string.Join("\n", missing.Select(a => $"  {a}: {DependentActions[a].Why}")));
        }

        [Fact]
        public void Should_Know_Every_Adapter_Action_No_Target_Sends()
        {
            // Given
            var scan = Addin.Value;

            // When
            var unreached = scan.All.Except(scan.Reached).ToHashSet();

            // Then
            var lines = unreached.Except(SentByNoTarget.Keys).Select(action =>
                    $"  {action} is sent at {scan.Sites.First(s => s.Action == action)} but reached from no alias: if a target uses it, the call graph misses an edge (fix {nameof(AddinActions)}); if not, add it to {nameof(SentByNoTarget)} with the reason")
                .Concat(SentByNoTarget.Keys.Except(unreached).Select(action => scan.All.Contains(action)
                    ? $"  {action} is now sent by a target: remove it from {nameof(SentByNoTarget)} (and allow it in {IamPolicy.FileName})"
                    : $"  {action} is sent by no adapter any more: remove it from {nameof(SentByNoTarget)}"))
                .ToList();
            Assert.True(lines.Count == 0, string.Join("\n", lines));
        }

        [Fact]
        public void Should_Name_Only_Ec2_Actions_That_Awssdk_Ec2_Has()
        {
            // Given
            var methods = typeof(IAmazonEC2).GetMethods().Select(m => m.Name).ToHashSet();

            // When
            var unknown = Policy.Value.Actions.Where(a => a.StartsWith("ec2:", StringComparison.Ordinal) && !methods.Contains(a["ec2:".Length..] + "Async")).ToList();

            // Then
            Assert.Empty(unknown);
        }
    }

    public sealed class TheStatements
    {
        [Fact]
        public void Should_Be_Allow_Statements_With_Exact_Actions_And_A_Sid_The_Readme_Explains()
        {
            // Given
            var policy = Policy.Value;
            var readme = RepositoryFiles.Read("README.md");

            // When
            var sids = policy.Statements.Select(s => s.Sid).ToList();

            // Then
            Assert.Equal("2012-10-17", policy.Version);
            Assert.All(policy.Statements, s => Assert.Equal("Allow", s.Effect));
            Assert.All(sids, sid => Assert.False(string.IsNullOrEmpty(sid)));
            Assert.Equal(sids.Count, sids.Distinct().Count());
            Assert.All(policy.Actions, action => Assert.Matches("^[a-z0-9-]+:[A-Za-z0-9]+$", action));
            Assert.All(sids, sid => Assert.True(readme.Contains($"`{sid}`", StringComparison.Ordinal), $"README.md does not explain statement {sid}"));
        }

        [Fact]
        public void Should_Terminate_And_Image_Only_Instances_Tagged_As_Builders()
        {
            // Given
            var policy = Policy.Value;

            // When
            var onInstances = policy.Allowing("ec2:TerminateInstances")
                .Concat(policy.Allowing("ec2:CreateImage").Where(s => s.Resources.Any(r => r.Contains(":instance/", StringComparison.Ordinal))))
                .ToList();

            // Then
            Assert.Equal(2, onInstances.Count);
            Assert.All(onInstances, s => Assert.Equal([BuilderInstance.Role], s.ConditionValues("StringEquals", "aws:ResourceTag/role")!));
            Assert.All(policy.Allowing("ec2:CreateImage"), s => Assert.DoesNotContain("*", s.Resources));
        }

        [Fact]
        public void Should_Let_CreateLaunchConfig_Make_And_Remove_Only_The_Launch_Configurations_It_Names()
        {
            // Given
            var target = ConfigText.Parse(ConfigText.With("launch_type: launch_configuration\n")).Resolve("staging");
            var name = ReleaseNames.LaunchConfiguration(target, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), new string('a', 40));
            static string Arn(string configuration) =>
                $"arn:aws:autoscaling:us-east-1:123456789012:launchConfiguration:0f1e2d3c-aaaa-bbbb-cccc-123456789012:launchConfigurationName/{configuration}";

            // When
            var statements = Policy.Value.Allowing("autoscaling:CreateLaunchConfiguration").Concat(Policy.Value.Allowing("autoscaling:DeleteLaunchConfiguration")).ToList();

            // Then
            Assert.NotEmpty(statements);
            Assert.All(statements, s => Assert.Contains(s.Resources, r => IamPolicy.Matches(r, Arn(name))));
            Assert.All(statements, s => Assert.DoesNotContain(s.Resources, r => IamPolicy.Matches(r, Arn("hand-made-config"))));
        }

        [Fact]
        public void Should_Change_Only_Groups_Tagged_With_A_Deployment_Or_Created_So()
        {
            // Given
            var policy = Policy.Value;
            var onGroups = policy.Statements.Where(s => s.Resources.Any(r => r.Contains(":autoScalingGroup:", StringComparison.Ordinal))).ToList();

            // When
            var unconditioned = onGroups.Where(s => s.ConditionValues("Null", "aws:ResourceTag/deployment") is not ["false"] && s.ConditionValues("Null", "aws:RequestTag/deployment") is not ["false"]);

            // Then
            Assert.NotEmpty(onGroups);
            Assert.Empty(unconditioned);
            Assert.All(
                Addin.Value.Reached.Where(a => a.StartsWith("autoscaling:", StringComparison.Ordinal) && !a.Contains(":Describe", StringComparison.Ordinal) && !a.Contains("LaunchConfiguration", StringComparison.Ordinal)),
                action => Assert.Contains(onGroups, s => s.Actions.Contains(action)));
        }
    }
}
