namespace Cake.FabulAWS;

/// <summary>The names of the alias categories, as used with <c>[CakeAliasCategory]</c> on each alias.</summary>
public static class FabulAwsCategories
{
    /// <summary>Checks of the local git checkout before a deployment.</summary>
    public const string Git = "Git";

    /// <summary>Loading and validating fabulaws-config.yml.</summary>
    public const string Configuration = "Configuration";

    /// <summary>Baking an image and creating launch templates or configurations.</summary>
    public const string LaunchConfig = "Launch configuration";

    /// <summary>Full (with downtime) and serial (rolling) deployments.</summary>
    public const string Deploy = "Deploy";

    /// <summary>Suspending and resuming Auto Scaling processes.</summary>
    public const string AutoScaling = "Auto Scaling";

    /// <summary>Pushing secrets and passwords to the servers.</summary>
    public const string Secrets = "Secrets";

    /// <summary>Work on the servers over SSH: upgrade page, deploy_worker.</summary>
    public const string Servers = "Servers";

    /// <summary>The environment's lock, status and recovery.</summary>
    public const string Safety = "Safety";

    /// <summary>Building a whole environment: its servers, group and web tier.</summary>
    public const string Environment = "Environment";
}
