// The pipeline's arguments, read once. Deployment targets resolve --environment against fabulaws-config.yml
// in Setup, before any task runs, so a typo fails in seconds instead of after the test suite.
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Environments;
using Cake.FabulAWS.Workflows.CheckBranch;
using Cake.FabulAWS.Workflows.CreateEnvironment;
using Cake.FabulAWS.Workflows.Deploy;
using Cake.FabulAWS.Workflows.LaunchConfig;

public sealed class BuildParameters
{
    public static readonly string[] DeploymentTasks =
    {
        "CheckBranch", "CreateLaunchConfig", "DeployFull", "DeploySerial", "UpdateServerPasswords",
        "SuspendAutoscaling", "ResumeAutoscaling", "CreateEnvironment", "Lock", "Unlock", "Rollback", "Cleanup", "DeployStatus",
    };

    private DeploymentTarget deploymentTarget;

    public string Target { get; private set; }
    public string Configuration { get; private set; }
    public bool SkipTests { get; private set; }
    public string EnvironmentName { get; private set; }
    public string DeploymentName { get; private set; }
    public string LaunchConfigName { get; private set; }
    public string RemoteUser { get; private set; }
    public string WorkerHost { get; private set; }
    public IReadOnlyList<string> Processes { get; private set; }
    public string Confirm { get; private set; }
    public string Strategy { get; private set; }
    public bool TrustNewHostKeys { get; private set; }
    public bool BreakLock { get; private set; }
    public string Message { get; private set; }
    public bool Now { get; private set; }
    public bool Plan { get; private set; }
    public FilePath ConfigFile { get; private set; }
    public FabulAwsConfig Config { get; private set; }
    public DirectoryPath Artifacts { get; private set; }

    // The script's working directory is build/; paths given on the command line are relative to the repo root,
    // where build.sh runs from.
    public DirectoryPath RepositoryRoot { get; private set; }
    public string Solution => RepositoryRoot.CombineWithFilePath("FabulAWS.sln").FullPath;

    public DeploymentTarget Deployment =>
        deploymentTarget ?? throw new CakeException("No deployment environment was resolved: this task is not a deployment task.");

    public static BuildParameters Create(ICakeContext context)
    {
        var root = context.Environment.WorkingDirectory.Combine("..").Collapse();
        var config = new FilePath(context.Argument("config", "fabulaws-config.yml"));
        return new BuildParameters
        {
            RepositoryRoot = root,
            Target = context.Argument("target", "Default"),
            Configuration = context.Argument("configuration", "Release"),
            SkipTests = context.HasArgument("skip-tests"),
            EnvironmentName = context.Argument<string>("environment", null),
            DeploymentName = context.Argument<string>("deployment", null),
            LaunchConfigName = context.Argument<string>("launch-config", null),
            RemoteUser = context.Argument<string>("remote-user", null),
            WorkerHost = context.Argument<string>("worker", null),
            Processes = context.Arguments.GetArguments("processes").ToList(),
            Confirm = context.Argument<string>("confirm", null),
            Strategy = context.Argument<string>("strategy", null),
            TrustNewHostKeys = context.HasArgument("ssh-trust-new-hosts"),
            BreakLock = context.HasArgument("break-lock"),
            Message = context.Argument<string>("message", null),
            Now = context.HasArgument("now"),
            Plan = context.HasArgument("plan"),
            ConfigFile = config.IsRelative ? root.CombineWithFilePath(config) : config,
            Artifacts = root.Combine("artifacts"),
        };
    }

    // What CheckBranch verified: the branch and the exact commit the deployment targets build and deploy.
    public CheckedBranch Verified { get; set; }

    // What CreateLaunchConfig made in this run (null with --launch-config=NAME: the deploy reuses that one).
    public LaunchConfigResult LaunchConfig { get; set; }

    // What DeployFull / DeploySerial deploy: what CreateLaunchConfig made in this run, or --launch-config=NAME.
    public DeploySettings DeploySettings => new DeploySettings
    {
        Release = LaunchConfig,
        LaunchConfigName = LaunchConfigName,
        Confirm = Confirm,
        Strategy = Strategy is null ? null : SerialStrategies.Parse(Strategy),
    };

    // What CreateEnvironment builds with: --launch-config=NAME reuses a release instead of baking one.
    public CreateEnvironmentSettings CreateEnvironmentSettings => new CreateEnvironmentSettings { LaunchConfigName = LaunchConfigName, Confirm = Confirm };

    // What CreateEnvironment built.
    public CreateEnvironmentResult Environment { get; set; }

    public EnvironmentOptions Remote => new EnvironmentOptions { RemoteUser = RemoteUser, TrustNewHostKeys = TrustNewHostKeys, WorkerHost = WorkerHost, BreakLock = BreakLock, Plan = Plan };

    // Loads fabulaws-config.yml and resolves --environment when a deployment task is about to run.
    public void ResolveDeployment(ICakeContext context, IEnumerable<string> tasksToRun)
    {
        var deploying = tasksToRun.Where(t => DeploymentTasks.Contains(t, StringComparer.OrdinalIgnoreCase)).ToList();
        if (deploying.Count == 0)
        {
            return;
        }

        Config = context.FabulAwsLoadConfig(ConfigFile);
        deploymentTarget = Config.Resolve(EnvironmentName, DeploymentName);
        if (Strategy is not null)
        {
            SerialStrategies.Parse(Strategy); // a typo fails before the tests run
        }

        // A production deploy is confirmed before anything runs, CreateLaunchConfig included (a plan changes nothing).
        if (!Plan && deploying.FirstOrDefault(t => t is "DeployFull" or "DeploySerial" or "Rollback" or "CreateEnvironment") is { } deploy)
        {
            Confirm = context.FabulAwsConfirmProduction(deploymentTarget, deploy, Confirm);
        }
        context.Information(
            "Deploying {0}/{1} (branch {2}, group {3}{4})",
            deploymentTarget.Deployment,
            deploymentTarget.Environment,
            deploymentTarget.Branch,
            deploymentTarget.AutoScalingGroupName,
            deploymentTarget.EndpointUrl is null ? string.Empty : ", endpoint " + deploymentTarget.EndpointUrl);
    }
}
