using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Tests.Configuration;

namespace Cake.FabulAWS.Tests.Examples;

/// <summary>examples/github-actions/deploy.yml uses the pipeline as build/*.cake defines it.</summary>
public sealed class GitHubActionsExampleTests
{
    private static readonly Lazy<IReadOnlyList<WorkflowJob>> Jobs = new(GitHubActionsExample.Jobs);

    private static readonly Lazy<FabulAwsConfig> Config = new(() => FabulAwsConfig.Parse(RepositoryFiles.Read(FabulAwsConfig.DefaultFileName), FabulAwsConfig.DefaultFileName));

    private static IEnumerable<WorkflowJob> DeployJobs => Jobs.Value.Where(j => j.Runs.Any(r => r.Environment is not null));

    public sealed class TheRuns
    {
        [Fact]
        public void Should_Use_Only_Targets_And_Arguments_The_Pipeline_Defines()
        {
            // Given
            var runs = Jobs.Value.SelectMany(j => j.Runs).ToList();

            // When
            var wrong = runs.SelectMany(run => run.Arguments.Keys
                    .Where(name => !PipelineDefinitions.Arguments.Contains(name))
                    .Select(name => $"{run}: --{name} is read by no script of build/")
                    .Concat(run.Target is { } target && !PipelineDefinitions.Targets.Contains(target) ? [$"{run}: build/build.cake has no task {target}"] : []))
                .ToList();

            // Then
            Assert.Contains("DeploySerial", PipelineDefinitions.Targets);
            Assert.Contains("skip-tests", PipelineDefinitions.Arguments);
            Assert.True(runs.Count >= 3, $"only {runs.Count} pipeline runs found in {GitHubActionsExample.FileName}");
            Assert.All(runs, run => Assert.NotNull(run.Target));
            Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        }

        [Fact]
        public void Should_Test_Then_Deploy_Staging_Then_Production_With_Confirm()
        {
            // Given
            var runs = Jobs.Value.SelectMany(j => j.Runs).ToList();

            // When
            var production = runs.Where(r => r.Environment is { } e && Config.Value.ProductionEnvironments.Contains(e)
                && PipelineDefinitions.ConfirmedTargets.Contains(r.Target!) && !r.Arguments.ContainsKey("plan")).ToList();

            // Then
            Assert.Contains(runs, r => r.Target == "Test" && r.Environment is null && !r.Arguments.ContainsKey("skip-tests"));
            Assert.Contains(runs, r => r.Target == "DeploySerial" && r.Environment == "staging");
            Assert.NotEmpty(production);
            Assert.All(production, r => Assert.True(r.Arguments.GetValueOrDefault("confirm") == r.Environment, $"{r}: a production deploy in CI needs --confirm={r.Environment}"));
            Assert.All(runs.Where(r => r.Environment is not null), r => Assert.Contains(r.Environment, Config.Value.Environments));
        }

        [Fact]
        public void Should_Skip_Tests_Only_In_Jobs_That_Need_The_Job_That_Ran_Them()
        {
            // Given
            var jobs = Jobs.Value.ToDictionary(j => j.Name);
            IEnumerable<WorkflowJob> Before(WorkflowJob job) => job.Needs.SelectMany(n => Before(jobs[n]).Prepend(jobs[n]));

            // When
            var skipping = jobs.Values.Where(j => j.Runs.Any(r => r.Arguments.ContainsKey("skip-tests"))).ToList();

            // Then
            Assert.NotEmpty(skipping);
            Assert.All(skipping, job => Assert.True(
                Before(job).Any(earlier => earlier.Runs.Any(r => r.Target == "Test")),
                $"job {job.Name} deploys with --skip-tests but needs no job that runs --target=Test"));
        }
    }

    public sealed class TheDeployJobs
    {
        [Fact]
        public void Should_Run_One_At_A_Time_Per_Environment_Never_Cancelled()
        {
            // Given
            var jobs = DeployJobs.ToList();

            // When
            var groups = jobs.Select(j => j.ConcurrencyGroup).ToList();

            // Then
            Assert.Equal(2, jobs.Count);
            Assert.All(jobs, job =>
            {
                var environment = Assert.Single(job.Runs.Select(r => r.Environment).Distinct());
                Assert.Contains(environment!, job.ConcurrencyGroup ?? string.Empty, StringComparison.Ordinal);
                Assert.Equal("false", job.CancelInProgress);
                Assert.Equal(environment, job.Environment);
            });
            Assert.Equal(groups.Count, groups.Distinct().Count());
        }

        [Fact]
        public void Should_Check_Out_Full_History_Restore_The_Tools_And_Get_Aws_Credentials_Through_Oidc()
        {
            // Given
            var jobs = DeployJobs.ToList();

            // Then
            Assert.All(jobs, job =>
            {
                var steps = job.Steps.ToList();
                var checkout = steps.FindIndex(s => s.Uses?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true);
                var restore = steps.FindIndex(s => s.Run?.Trim() == "dotnet tool restore");
                var credentials = steps.FindIndex(s => s.Uses?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true);
                var deploy = steps.FindIndex(s => s.Run is { } run && GitHubActionsExample.PipelineRuns(job.Name, run).Any());
                Assert.True(checkout >= 0 && checkout < restore && restore < deploy && credentials >= 0 && credentials < deploy, $"job {job.Name}: checkout, tool restore and credentials come before the deploy");
                Assert.Equal("0", steps[checkout].With.GetValueOrDefault("fetch-depth"));
                Assert.Contains(steps, s => s.Uses?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true && s.With.GetValueOrDefault("dotnet-version")?.StartsWith("10.", StringComparison.Ordinal) == true);
                Assert.False(string.IsNullOrEmpty(steps[credentials].With.GetValueOrDefault("role-to-assume")));
                Assert.DoesNotContain(steps[credentials].With.Keys, key => key.Contains("secret-access-key", StringComparison.Ordinal));
                Assert.Equal("write", job.Permissions.GetValueOrDefault("id-token"));
            });
        }

        [Fact]
        public void Should_Deploy_Only_Pushes_To_Main()
        {
            // Given
            var jobs = Jobs.Value.ToDictionary(j => j.Name);
            bool Guarded(WorkflowJob job) =>
                job.If?.Contains("refs/heads/main", StringComparison.Ordinal) == true && job.If.Contains("push", StringComparison.Ordinal)
                || job.Needs.Any(n => Guarded(jobs[n]));

            // Then
            Assert.All(DeployJobs, job => Assert.True(Guarded(job), $"job {job.Name} deploys, but not only on a push to main"));
        }
    }
}
