namespace Cake.FabulAWS.Workflows.CheckBranch;

/// <summary>
/// The branch check made before a deployment: the checkout is on the environment's branch, has no uncommitted
/// changes, and is exactly what the remote has.
/// </summary>
[System.Runtime.CompilerServices.CompilerGenerated]
internal sealed class NamespaceDoc
{
}
