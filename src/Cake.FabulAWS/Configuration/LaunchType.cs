namespace Cake.FabulAWS.Configuration;

/// <summary>How new instances of the Auto Scaling group are described (<c>launch_type</c>).</summary>
public enum LaunchType
{
    /// <summary><c>launch_template</c>: a new version of an EC2 launch template per deploy (the default).</summary>
    LaunchTemplate,

    /// <summary><c>launch_configuration</c>: a new legacy launch configuration per deploy, as FabulAWS did.</summary>
    LaunchConfiguration,
}
