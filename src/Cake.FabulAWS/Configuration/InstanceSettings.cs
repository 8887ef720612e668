namespace Cake.FabulAWS.Configuration;

/// <summary>How the builder instance is launched (<c>instance_settings</c>).</summary>
/// <param name="Ami">The base AMI the builder instance starts from (<c>ami</c>).</param>
/// <param name="KeyPrefix">
/// The prefix of the temporary EC2 key pair created to reach the builder (<c>key_prefix</c>); <c>null</c> when not set.
/// </param>
/// <param name="KeyName">
/// An existing EC2 key pair to launch the builder with instead of a temporary one (<c>key_name</c>); its private key
/// is <see cref="SshConfiguration.KeyPath"/>. <c>null</c> when not set.
/// </param>
public sealed record InstanceSettings(string Ami, string? KeyPrefix, string? KeyName);
