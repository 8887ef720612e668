using static Cake.FabulAWS.Tests.Aws.AwsTestConnection;

namespace Cake.FabulAWS.Tests.Aws.AutoScaling;

public class ScalingProcessesAdapterTests
{
    public class TheSuspendProcessesAsyncMethod
    {
        [Fact]
        public async Task Should_Send_The_Named_Processes()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SuspendProcesses", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "SuspendProcesses"));
            using var aws = Connect(server);

            // When
            await aws.ScalingProcesses.SuspendProcessesAsync("web-prod", ["Launch", "Terminate", "AddToLoadBalancer"]);

            // Then
            AssertAutoScaling(
                server.Requests.Single(),
                "SuspendProcesses",
                "AutoScalingGroupName=web-prod",
                "ScalingProcesses.member.1=Launch",
                "ScalingProcesses.member.2=Terminate",
                "ScalingProcesses.member.3=AddToLoadBalancer");
        }

        [Fact]
        public async Task Should_Omit_The_List_To_Suspend_Every_Process()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SuspendProcesses", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "SuspendProcesses"));
            using var aws = Connect(server);

            // When
            await aws.ScalingProcesses.SuspendProcessesAsync("web-prod", []);

            // Then
            AssertAutoScaling(server.Requests.Single(), "SuspendProcesses", "AutoScalingGroupName=web-prod");
        }

        [Fact]
        public async Task Should_Report_A_Group_In_Use()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("SuspendProcesses", new FakeResponse(400, AwsXml.Error("ResourceInUse", "The operation can't be performed because the resource is in use.")));
            using var aws = Connect(server);

            // When
            var error = await Assert.ThrowsAsync<Cake.FabulAWS.Aws.AwsOperationException>(() => aws.ScalingProcesses.SuspendProcessesAsync("web-prod", ["Launch"]));

            // Then
            Assert.Equal("ResourceInUse", error.ErrorCode);
            Assert.Equal("SuspendProcesses failed for Auto Scaling group 'web-prod' in eu-west-1 (ResourceInUse): The operation can't be performed because the resource is in use.", error.Message);
        }
    }

    public class TheResumeProcessesAsyncMethod
    {
        [Fact]
        public async Task Should_Send_The_Named_Processes()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("ResumeProcesses", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "ResumeProcesses"));
            using var aws = Connect(server);

            // When
            await aws.ScalingProcesses.ResumeProcessesAsync("web-prod", ["AZRebalance"]);

            // Then
            AssertAutoScaling(server.Requests.Single(), "ResumeProcesses", "AutoScalingGroupName=web-prod", "ScalingProcesses.member.1=AZRebalance");
        }

        [Fact]
        public async Task Should_Omit_The_List_To_Resume_Every_Process()
        {
            // Given
            await using var server = await FakeAwsServer.StartAsync();
            server.On("ResumeProcesses", AwsXml.QueryNoResult(AwsXml.AutoScalingNs, "ResumeProcesses"));
            using var aws = Connect(server);

            // When
            await aws.ScalingProcesses.ResumeProcessesAsync("web-prod", []);

            // Then
            AssertAutoScaling(server.Requests.Single(), "ResumeProcesses", "AutoScalingGroupName=web-prod");
        }
    }
}
