using Cake.Core;
using Cake.FabulAWS.Configuration;
using Cake.FabulAWS.Configuration.Sections;

namespace Cake.FabulAWS.Workflows.Deploy;

/// <summary>The serial strategies by the names fabulaws-config.yml and <c>--strategy</c> use.</summary>
public static class SerialStrategies
{
    /// <summary>Parses launch-first, instance-refresh or fabulaws.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="CakeException">It is not one; the message lists them.</exception>
    public static SerialStrategy Parse(string name) =>
        DeploySection.Strategy(name) ?? throw new CakeException($"--strategy {DeploySection.StrategyProblem(name)}. Nothing was changed.");
}
