using System.Reflection;
using Amazon.Runtime;
using Cake.Core;

namespace Cake.FabulAWS.Aws;

/// <summary>
/// The Query clients use AWSSDK.Core's internal pipeline types, so they are built and tested against one exact
/// version. Another add-in or a script can load a different AWSSDK.Core first; say so instead of failing later with
/// a MissingMethodException.
/// </summary>
internal static class AwsSdkVersion
{
    /// <summary>The AWSSDK.Core file version the add-in is built against (the package pins [4.1.0]).</summary>
    public const string Expected = "4.1.0";

    private static readonly Lazy<string?> Problem = new(() => Check(Loaded(), typeof(AmazonServiceClient).Assembly.Location));

    /// <summary>Throws when the loaded AWSSDK.Core is not the expected version.</summary>
    /// <exception cref="CakeException">Another version is loaded.</exception>
    public static void EnsureExpected()
    {
        if (Problem.Value is { } message)
        {
            throw new CakeException(message);
        }
    }

    /// <summary>Compares a loaded file version with the expected one.</summary>
    /// <param name="loaded">The loaded file version, such as 4.1.0.0.</param>
    /// <param name="location">Where it was loaded from.</param>
    /// <returns>The problem, or null when it is the expected version.</returns>
    public static string? Check(string? loaded, string location) =>
        loaded is not null && (loaded == Expected || loaded.StartsWith(Expected + ".", StringComparison.Ordinal))
            ? null
            : $"Cake.FabulAWS needs AWSSDK.Core {Expected} exactly (its Auto Scaling and ELB clients use the SDK's own request pipeline), but AWSSDK.Core {loaded ?? "of unknown version"} is loaded from {location}. "
              + $"Something else in this build (another add-in, or a #r/#addin of AWSSDK.Core) loads that version first: pin AWSSDK.Core {Expected} there too, or load Cake.FabulAWS first.";

    private static string? Loaded() => typeof(AmazonServiceClient).Assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
}
