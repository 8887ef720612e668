using Cake.Core.Annotations;

namespace Cake.FabulAWS;

/// <summary>
/// Aliases that deploy a web application to EC2 Auto Scaling behind a load balancer, the FabulAWS way.
/// Load the add-in with its dependencies: <c>#addin nuget:?package=Cake.FabulAWS&amp;loaddependencies=true</c>.
/// </summary>
[CakeAliasCategory("FabulAWS")]
public static partial class FabulAwsAliases
{
}
