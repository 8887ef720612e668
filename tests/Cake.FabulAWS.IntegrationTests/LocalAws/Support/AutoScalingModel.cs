using System.Text.Json.Nodes;

namespace Cake.FabulAWS.IntegrationTests.LocalAws.Support;

/// <summary>
/// The Debian awscli (2.9, botocore of late 2022) predates RollbackInstanceRefresh, MaxHealthyPercentage,
/// StandbyInstances and RollbackDetails. This adds them to its own Auto Scaling model, with the shapes exactly as
/// botocore 1.43.11 has them (documentation left out; botocore's data is Apache-2.0), in a directory awscli reads
/// first through AWS_DATA_PATH. The client, its serializer, its parser and its validation stay awscli's own.
/// </summary>
internal static class AutoScalingModel
{
    private const string DebianModel = "/usr/lib/python3/dist-packages/awscli/botocore/data/autoscaling/2011-01-01/service-2.json";

    private const string Patch = """
        {
          "operations": {
            "RollbackInstanceRefresh": {"name": "RollbackInstanceRefresh", "http": {"method": "POST", "requestUri": "/"}, "input": {"shape": "RollbackInstanceRefreshType"}, "output": {"shape": "RollbackInstanceRefreshAnswer", "resultWrapper": "RollbackInstanceRefreshResult"}, "errors": [{"shape": "LimitExceededFault"}, {"shape": "ResourceContentionFault"}, {"shape": "ActiveInstanceRefreshNotFoundFault"}, {"shape": "IrreversibleInstanceRefreshFault"}]}
          },
          "shapes": {
            "AlarmList": {"type": "list", "member": {"shape": "XmlStringMaxLen255"}},
            "AlarmSpecification": {"type": "structure", "members": {"Alarms": {"shape": "AlarmList"}}},
            "AutoRollback": {"type": "boolean"},
            "BakeTime": {"type": "integer", "max": 172800, "min": 0},
            "InstanceRefresh": {"type": "structure", "members": {"InstanceRefreshId": {"shape": "XmlStringMaxLen255"}, "AutoScalingGroupName": {"shape": "XmlStringMaxLen255"}, "Status": {"shape": "InstanceRefreshStatus"}, "StatusReason": {"shape": "XmlStringMaxLen1023"}, "StartTime": {"shape": "TimestampType"}, "EndTime": {"shape": "TimestampType"}, "PercentageComplete": {"shape": "IntPercent"}, "InstancesToUpdate": {"shape": "InstancesToUpdate"}, "ProgressDetails": {"shape": "InstanceRefreshProgressDetails"}, "Preferences": {"shape": "RefreshPreferences"}, "DesiredConfiguration": {"shape": "DesiredConfiguration"}, "RollbackDetails": {"shape": "RollbackDetails"}, "Strategy": {"shape": "RefreshStrategy"}}},
            "InstanceRefreshStatus": {"type": "string", "enum": ["Pending", "InProgress", "Successful", "Failed", "Cancelling", "Cancelled", "RollbackInProgress", "RollbackFailed", "RollbackSuccessful", "Baking"]},
            "IntPercent100To200": {"type": "integer", "max": 200, "min": 100},
            "IrreversibleInstanceRefreshFault": {"type": "structure", "members": {"message": {"shape": "XmlStringMaxLen255"}}, "error": {"code": "IrreversibleInstanceRefresh", "httpStatusCode": 400, "senderFault": true}, "exception": true},
            "RefreshPreferences": {"type": "structure", "members": {"MinHealthyPercentage": {"shape": "IntPercent"}, "InstanceWarmup": {"shape": "RefreshInstanceWarmup"}, "CheckpointPercentages": {"shape": "CheckpointPercentages"}, "CheckpointDelay": {"shape": "CheckpointDelay"}, "SkipMatching": {"shape": "SkipMatching"}, "AutoRollback": {"shape": "AutoRollback"}, "ScaleInProtectedInstances": {"shape": "ScaleInProtectedInstances"}, "StandbyInstances": {"shape": "StandbyInstances"}, "AlarmSpecification": {"shape": "AlarmSpecification"}, "MaxHealthyPercentage": {"shape": "IntPercent100To200"}, "BakeTime": {"shape": "BakeTime"}}},
            "RefreshStrategy": {"type": "string", "enum": ["Rolling", "ReplaceRootVolume"]},
            "RollbackDetails": {"type": "structure", "members": {"RollbackReason": {"shape": "XmlStringMaxLen1023"}, "RollbackStartTime": {"shape": "TimestampType"}, "PercentageCompleteOnRollback": {"shape": "IntPercent"}, "InstancesToUpdateOnRollback": {"shape": "InstancesToUpdate"}, "ProgressDetailsOnRollback": {"shape": "InstanceRefreshProgressDetails"}}},
            "RollbackInstanceRefreshAnswer": {"type": "structure", "members": {"InstanceRefreshId": {"shape": "XmlStringMaxLen255"}}},
            "RollbackInstanceRefreshType": {"type": "structure", "required": ["AutoScalingGroupName"], "members": {"AutoScalingGroupName": {"shape": "XmlStringMaxLen255"}}},
            "ScaleInProtectedInstances": {"type": "string", "enum": ["Refresh", "Ignore", "Wait"]},
            "StandbyInstances": {"type": "string", "enum": ["Terminate", "Ignore", "Wait"]}
          }
        }
        """;

    private static readonly Lazy<string> Directory = new(Write);

    /// <summary>Gets the AWS_DATA_PATH directory holding the patched model.</summary>
    public static string DataPath => Directory.Value;

    private static string Write()
    {
        var model = JsonNode.Parse(File.ReadAllText(DebianModel))!.AsObject();
        var patch = JsonNode.Parse(Patch)!.AsObject();
        foreach (var section in new[] { "operations", "shapes" })
        {
            foreach (var (name, value) in patch[section]!.AsObject())
            {
                model[section]![name] = value!.DeepClone();
            }
        }

        var root = System.IO.Directory.CreateTempSubdirectory("localaws-botocore-").FullName;
        var target = System.IO.Directory.CreateDirectory(Path.Combine(root, "autoscaling", "2011-01-01")).FullName;
        File.WriteAllText(Path.Combine(target, "service-2.json"), model.ToJsonString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // left in the temp directory
            }
        };
        return root;
    }
}
