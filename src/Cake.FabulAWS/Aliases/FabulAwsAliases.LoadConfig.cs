using Cake.Core;
using Cake.Core.Annotations;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS;

/// <content>Loading fabulaws-config.yml.</content>
public static partial class FabulAwsAliases
{
    /// <summary>
    /// Loads and validates fabulaws-config.yml, logging a warning for each FabulAWS key that is ignored.
    /// Every error of the file is reported at once, with its line, column and key path.
    /// </summary>
    /// <param name="context">The Cake context.</param>
    /// <param name="path">The file; <c>fabulaws-config.yml</c> in the working directory when null.</param>
    /// <returns>The configuration; <c>config.Resolve("staging")</c> picks one environment.</returns>
    /// <example>
    /// <code>
    /// var config = FabulAwsLoadConfig("fabulaws-config.yml");
    /// var staging = config.Resolve("staging");
    /// Information("Deploying {0} from {1}", staging.AutoScalingGroupName, staging.Branch);
    /// </code>
    /// </example>
    [CakeMethodAlias]
    [CakeAliasCategory(FabulAwsCategories.Configuration)]
    [CakeNamespaceImport("Cake.FabulAWS.Configuration")]
    [CakeNamespaceImport("Cake.FabulAWS.Environments")]
    public static FabulAwsConfig FabulAwsLoadConfig(this ICakeContext context, FilePath? path = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var file = (path ?? new FilePath(FabulAwsConfig.DefaultFileName)).MakeAbsolute(context.Environment);
        var config = FabulAwsConfig.Load(file.FullPath);
        foreach (var warning in config.Warnings)
        {
            context.Log.Warning("{0}", warning);
        }

        return config;
    }
}
