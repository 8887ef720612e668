namespace Cake.FabulAWS.Configuration;

/// <summary>
/// The model of <c>fabulaws-config.yml</c>: <see cref="FabulAwsConfig.Load(string)"/> reads and validates the file
/// and <see cref="FabulAwsConfig.Resolve(string, string?)"/> gives the <see cref="DeploymentTarget"/> of one environment.
/// </summary>
[System.Runtime.CompilerServices.CompilerGenerated]
internal sealed class NamespaceDoc
{
}
