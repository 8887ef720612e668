namespace Cake.FabulAWS.Tests.Aws.AutoScaling;

/// <summary>Auto Scaling 2011-01-01 result members, shaped as in the botocore model.</summary>
public static class AutoScalingSamples
{
    public const string TargetGroupArn = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web-tg/73e2d6bc24d8a067";

    public static string Instance(string id, string state = "InService", string health = "Healthy", string zone = "eu-west-1a") => $"""
        <member><InstanceId>{id}</InstanceId><InstanceType>t3.small</InstanceType><AvailabilityZone>{zone}</AvailabilityZone><LifecycleState>{state}</LifecycleState><HealthStatus>{health}</HealthStatus><LaunchTemplate><LaunchTemplateId>lt-0a1b2c3d4e5f60718</LaunchTemplateId><LaunchTemplateName>web</LaunchTemplateName><Version>7</Version></LaunchTemplate><ProtectedFromScaleIn>false</ProtectedFromScaleIn></member>
        """;

    public static string Group(string name, string instances = "") => $"""
        <member>
          <AutoScalingGroupName>{name}</AutoScalingGroupName>
          <AutoScalingGroupARN>arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:2f5c1a3e-0000-4000-8000-000000000001:autoScalingGroupName/{name}</AutoScalingGroupARN>
          <LaunchTemplate><LaunchTemplateId>lt-0a1b2c3d4e5f60718</LaunchTemplateId><LaunchTemplateName>web</LaunchTemplateName><Version>7</Version></LaunchTemplate>
          <MinSize>2</MinSize><MaxSize>6</MaxSize><DesiredCapacity>3</DesiredCapacity><DefaultCooldown>300</DefaultCooldown>
          <AvailabilityZones><member>eu-west-1a</member><member>eu-west-1b</member></AvailabilityZones>
          <LoadBalancerNames><member>web-elb</member></LoadBalancerNames>
          <TargetGroupARNs><member>{TargetGroupArn}</member></TargetGroupARNs>
          <HealthCheckType>ELB</HealthCheckType><HealthCheckGracePeriod>300</HealthCheckGracePeriod>
          <Instances>{instances}</Instances>
          <CreatedTime>2026-01-05T10:00:00.000Z</CreatedTime>
          <SuspendedProcesses><member><ProcessName>AZRebalance</ProcessName><SuspensionReason>User suspended at 2026-11-27T06:00:00Z</SuspensionReason></member></SuspendedProcesses>
          <VPCZoneIdentifier>subnet-0aa,subnet-0bb</VPCZoneIdentifier>
          <EnabledMetrics/>
          <Tags>
            <member><ResourceId>{name}</ResourceId><ResourceType>auto-scaling-group</ResourceType><Key>environment</Key><Value>production</Value><PropagateAtLaunch>true</PropagateAtLaunch></member>
            <member><ResourceId>{name}</ResourceId><ResourceType>auto-scaling-group</ResourceType><Key>deploy:state</Key><Value></Value><PropagateAtLaunch>false</PropagateAtLaunch></member>
          </Tags>
          <TerminationPolicies><member>OldestLaunchTemplate</member><member>Default</member></TerminationPolicies>
          <NewInstancesProtectedFromScaleIn>false</NewInstancesProtectedFromScaleIn>
          <ServiceLinkedRoleARN>arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling</ServiceLinkedRoleARN>
          <CapacityRebalance>false</CapacityRebalance>
        </member>
        """;

    public static string LegacyGroup(string name) => $"""
        <member><AutoScalingGroupName>{name}</AutoScalingGroupName><LaunchConfigurationName>web-lc-2019</LaunchConfigurationName><MinSize>1</MinSize><MaxSize>1</MaxSize><DesiredCapacity>1</DesiredCapacity><DefaultCooldown>300</DefaultCooldown><AvailabilityZones><member>eu-west-1a</member></AvailabilityZones><HealthCheckType>EC2</HealthCheckType><Instances/><CreatedTime>2019-01-05T10:00:00Z</CreatedTime></member>
        """;

    public static string Groups(string members, string? nextToken = null) =>
        $"<AutoScalingGroups>{members}</AutoScalingGroups>{(nextToken is null ? string.Empty : $"<NextToken>{nextToken}</NextToken>")}";

    public static string Activity(string id, string status) => $"""
        <member><ActivityId>{id}</ActivityId><AutoScalingGroupName>web-prod</AutoScalingGroupName><Description>Launching a new EC2 instance: i-0f00</Description><Cause>At 2026-11-27T06:00:00Z an instance was started in response to a difference between desired and actual capacity, increasing the capacity from 2 to 3.</Cause><StartTime>2026-11-27T06:00:05.123Z</StartTime><EndTime>2026-11-27T06:00:41Z</EndTime><StatusCode>{status}</StatusCode><StatusMessage>{(status == "Failed" ? "You have requested more vCPU capacity than your current vCPU limit allows." : string.Empty)}</StatusMessage><Progress>100</Progress><Details>Subnet ID: subnet-0aa</Details></member>
        """;
}
