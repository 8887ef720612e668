using Amazon.EC2;

namespace Cake.FabulAWS.Aws.Ec2;

/// <summary>Base of the EC2 adapters: AWSSDK.EC2's client and the single error funnel.</summary>
internal abstract class Ec2Adapter(Func<IAmazonEC2> ec2, Func<string> region)
{
    /// <summary>Gets the client; creating it may fail (no region, no credentials), so use it inside <see cref="CallAsync"/>.</summary>
    protected IAmazonEC2 Ec2 => ec2();

    /// <summary>Runs an EC2 call; a failure becomes an <see cref="AwsOperationException"/> naming the operation and resource.</summary>
    protected Task<T> CallAsync<T>(string operation, string resource, Func<Task<T>> call) =>
        AwsCall.RunAsync(call, operation, resource, region);
}
