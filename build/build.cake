// The pipeline: the project's own Clean/Build/Test/Pack targets, and the deployment targets built from the
// Cake.FabulAWS aliases. ./build.sh --tree shows the graph; arguments are read in parameters.cake.
#r "../src/Cake.FabulAWS/bin/Release/net10.0/Cake.FabulAWS.dll"
#load "parameters.cake"
#load "demo.cake"

var parameters = BuildParameters.Create(Context);

Setup(context => parameters.ResolveDeployment(context, context.TasksToExecute.Select(t => t.Name)));

Task("Clean")
    .Description("Deletes build outputs and artifacts.")
    .Does(() =>
{
    CleanDirectories(parameters.RepositoryRoot.FullPath + "/src/**/bin/" + parameters.Configuration);
    CleanDirectories(parameters.RepositoryRoot.FullPath + "/tests/**/bin/" + parameters.Configuration);
    CleanDirectory(parameters.Artifacts);
});

Task("Build")
    .Description("Builds the solution.")
    .WithCriteria(() => !parameters.SkipTests || parameters.Target is "Build" or "Pack", "--skip-tests was given (build.sh built the add-in)")
    .Does(() =>
{
    DotNetBuild(parameters.Solution, new DotNetBuildSettings { Configuration = parameters.Configuration });
});

Task("Test")
    .Description("Runs the unit and integration tests (skip with --skip-tests before a deploy).")
    .IsDependentOn("Build")
    .WithCriteria(() => !parameters.SkipTests, "--skip-tests was given")
    .Does(() =>
{
    DotNetTest(parameters.Solution, new DotNetTestSettings
    {
        Configuration = parameters.Configuration,
        NoBuild = true,
        Loggers = { "console;verbosity=normal" },
        // A test that hangs fails with a dump and its name after 8 minutes instead of holding CI until its limit.
        ArgumentCustomization = args => args.Append("--blame-hang-timeout").Append("8m").Append("--blame-hang-dump-type").Append("mini"),
    });
});

Task("Pack")
    .Description("Packs the Cake.FabulAWS add-in into artifacts/.")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetPack(parameters.RepositoryRoot.CombineWithFilePath("src/Cake.FabulAWS/Cake.FabulAWS.csproj").FullPath, new DotNetPackSettings
    {
        Configuration = parameters.Configuration,
        NoBuild = true,
        OutputDirectory = parameters.Artifacts,
    });
});

Task("CheckBranch")
    .Description("Refuses to deploy from the wrong branch, a dirty work tree or a checkout that differs from the remote.")
    .IsDependentOn("Test")
    .Does(async () =>
{
    parameters.Verified = await FabulAwsCheckBranchAsync(parameters.Deployment);
});

Task("CreateLaunchConfig")
    .Description("Bakes an AMI of the verified commit and makes the launch template version (or launch configuration); skipped with --launch-config=NAME.")
    .IsDependentOn("CheckBranch")
    .WithCriteria(() => parameters.LaunchConfigName is null, "--launch-config was given")
    .Does(async () =>
{
    parameters.LaunchConfig = await FabulAwsCreateLaunchConfigAsync(parameters.Deployment, parameters.Verified, parameters.Remote);
});

Task("DeployFull")
    .Description("Downtime deploy behind the upgrade page, for backwards-incompatible changes.")
    .IsDependentOn("CreateLaunchConfig")
    .Does(async () => await FabulAwsDeployFullAsync(parameters.Deployment, parameters.DeploySettings, parameters.Remote));

Task("DeploySerial")
    .Description("Rolling deploy: new instances first, old ones terminated once the new serve; the site stays up.")
    .IsDependentOn("CreateLaunchConfig")
    .Does(async () => await FabulAwsDeploySerialAsync(parameters.Deployment, parameters.DeploySettings, parameters.Remote));

Task("Rollback")
    .Description("Back to the launch source before the last deploy (from the group's history), replaced as DeploySerial does, without deploy_worker.")
    .Does(async () => await FabulAwsRollbackAsync(parameters.Deployment, parameters.DeploySettings, parameters.Remote));

Task("Cleanup")
    .Description("Terminates the instances kept in Standby for an instant Rollback once keep_previous is up (--now: at once).")
    .Does(async () => await FabulAwsCleanupAsync(parameters.Deployment, parameters.Now, parameters.Remote));

Task("UpdateServerPasswords")
    .Description("Pushes the secrets named in password_names to every server of the environment.")
    .Does(async () =>
{
    await FabulAwsUpdateServerPasswordsAsync(parameters.Deployment, parameters.Remote);
});

Task("SuspendAutoscaling")
    .Description("Suspends Auto Scaling processes of the environment's group (--processes=Launch,Terminate; all when none).")
    .Does(async () => await FabulAwsSuspendAutoscalingAsync(parameters.Deployment, parameters.Processes, parameters.Remote));

Task("ResumeAutoscaling")
    .Description("Resumes Auto Scaling processes of the environment's group (--processes=Launch,Terminate; all when none).")
    .Does(async () => await FabulAwsResumeAutoscalingAsync(parameters.Deployment, parameters.Processes, parameters.Remote));

Task("DeployStatus")
    .Description("Shows the environment: launch source, instances by version and health, lock, interrupted deploy, last deploys. Changes nothing.")
    .Does(async () => await FabulAwsDeployStatusAsync(parameters.Deployment, parameters.Remote));

Task("Lock")
    .Description("Freezes deploys of the environment until Unlock (--message=\"why\").")
    .Does(async () => await FabulAwsLockAsync(parameters.Deployment, parameters.Message, parameters.Remote));

Task("Unlock")
    .Description("Removes the environment's lock: one taken by hand or left by a dead run (--break-lock for a live run's).")
    .Does(async () => await FabulAwsUnlockAsync(parameters.Deployment, parameters.Remote));

Task("CreateEnvironment")
    .Description("Builds a whole environment: its servers by role in parallel (one log file each), the launch template and group when missing, the web tier through CreateLaunchConfig and DeployFull, the secrets.")
    .IsDependentOn("CheckBranch")
    .Does(async () =>
{
    parameters.Environment = await FabulAwsCreateEnvironmentAsync(parameters.Deployment, parameters.Verified, parameters.CreateEnvironmentSettings, parameters.Remote);
});

Task("Demo")
    .Description("LocalAws, a throwaway clone of the demo app, and the real targets in order (CreateLaunchConfig, DeployFull, a code change, CreateLaunchConfig, DeploySerial) while a client polls the site; then a report.")
    .Does(() => Demo.Run(Context, parameters));

Task("Default")
    .IsDependentOn("Test");

RunTarget(parameters.Target);
