namespace Cake.FabulAWS;

/// <summary>
/// Cake aliases that deploy a web application to EC2 Auto Scaling: a C# port of the FabulAWS workflow.
/// </summary>
[System.Runtime.CompilerServices.CompilerGenerated]
internal sealed class NamespaceDoc
{
}
