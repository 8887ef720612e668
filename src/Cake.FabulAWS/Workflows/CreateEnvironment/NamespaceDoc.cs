namespace Cake.FabulAWS.Workflows.CreateEnvironment;

/// <summary>
/// CreateEnvironment (FabulAWS create_environment): the servers of every role in parallel, each with its own log file,
/// the launch template and Auto Scaling group when missing, then the web tier through CreateLaunchConfig and DeployFull.
/// </summary>
[System.Runtime.CompilerServices.CompilerGenerated]
internal sealed class NamespaceDoc
{
}
