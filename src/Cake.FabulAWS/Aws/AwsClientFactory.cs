namespace Cake.FabulAWS.Aws;

/// <summary>Creates the AWS adapters of a deployment from connection settings.</summary>
public static class AwsClientFactory
{
    /// <summary>
    /// Connects to AWS the way the AWS CLI would with the same environment and ~/.aws files, overridden by the
    /// given settings (region, endpoint URL, profile, credentials). Nothing is called until a port is used.
    /// </summary>
    /// <param name="settings">The settings; <c>new AwsConnectionSettings()</c> for the defaults.</param>
    /// <returns>The ports, owning the SDK clients.</returns>
    public static AwsServices Create(AwsConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new AwsServices(new AwsClients(settings));
    }
}
