using System.Text.Json.Nodes;
using Demo;

namespace Cake.FabulAWS.Tests.Demo;

public sealed class SeedFileTests
{
    public sealed class TheWithoutGroupsMethod
    {
        [Fact]
        public void Should_Keep_Every_Call_But_The_Group_And_The_Servers_With_Image_Folders_Made_Absolute()
        {
            // Given
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(root!.FullName, "FabulAWS.sln")))
            {
                root = root.Parent;
            }

            var seed = Path.Combine(root.FullName, "deploy", "localaws-seed.json");
            var target = Path.Combine(Directory.CreateTempSubdirectory("seed-").FullName, "seed.json");

            // When
            SeedFile.WithoutGroups(seed, target);

            // Then
            var original = JsonNode.Parse(File.ReadAllText(seed))!.AsArray();
            var kept = JsonNode.Parse(File.ReadAllText(target))!.AsArray();
            Assert.Equal(original.Select(c => (string?)c!["Action"]).Where(a => a is not "CreateAutoScalingGroup" and not "RunInstances"), kept.Select(c => (string?)c!["Action"]));
            Assert.Equal(
                [Path.Combine(root.FullName, "deploy", "builder-base"), Path.Combine(root.FullName, "deploy", "app")],
                kept.Select(c => (string?)c!["Parameters"]!["Directory"]).OfType<string>());
            Directory.Delete(Path.GetDirectoryName(target)!, recursive: true);
        }
    }
}
