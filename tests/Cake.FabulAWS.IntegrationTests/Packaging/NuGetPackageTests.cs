using System.IO.Compression;
using System.Reflection;
using System.Xml.Linq;
using Cake.Core.Annotations;
using Xunit.Abstractions;

namespace Cake.FabulAWS.IntegrationTests.Packaging;

/// <summary>The packed .nupkg is a proper Cake add-in: metadata, no Cake dependency, assembly and complete XML docs.</summary>
[Collection(PackedAddinCollection.Name)]
public sealed class NuGetPackageTests(PackedAddinFixture package, ITestOutputHelper output)
{
    private const string LibFolder = "lib/net10.0/";

    [Fact]
    public void Should_Have_The_Addin_Id_Version_Description_And_Readme()
    {
        // Given
        output.WriteLine($"dotnet pack -c Release took {package.Pack.Duration.TotalSeconds:0.0} s");

        // When
        var metadata = ReadNuspecMetadata();

        // Then
        Assert.Equal(PackedAddinFixture.PackageId, Value(metadata, "id"));
        Assert.Equal(PackedAddinFixture.PackageVersion, Value(metadata, "version"));
        Assert.Contains("Auto Scaling", Value(metadata, "description"));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("README.md", EntryNames());
    }

    [Fact]
    public void Should_Not_Depend_On_Cake()
    {
        // When
        var dependencies = ReadNuspecMetadata().Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).ToArray();

        // Then: Cake itself provides Cake.Core and Cake.Common to the add-in at run time
        Assert.Contains("YamlDotNet", dependencies);
        Assert.DoesNotContain(dependencies, id => id.StartsWith("Cake.", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(EntryNames(), name => name.StartsWith(LibFolder + "Cake.Co", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cake")]
    [InlineData("cake-addin")]
    [InlineData("cake-build")]
    [InlineData("addin")]
    [InlineData("aws")]
    [InlineData("autoscaling")]
    [InlineData("deployment")]
    public void Should_Be_Tagged_As_A_Cake_Addin(string tag)
    {
        // When: tags are separated by spaces, never commas (cake-contrib CCG0008)
        var tags = Value(ReadNuspecMetadata(), "tags").Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // Then
        Assert.Contains(tag, tags);
        Assert.DoesNotContain(tags, t => t.Contains(','));
    }

    [Fact]
    public void Should_Ship_The_Assembly_And_Its_Xml_Documentation()
    {
        // When
        var names = EntryNames();

        // Then
        Assert.Contains(LibFolder + "Cake.FabulAWS.dll", names);
        Assert.Contains(LibFolder + "Cake.FabulAWS.xml", names);
    }

    [Fact]
    public void Should_Document_Every_Alias_With_An_Example_As_Written_In_A_Script()
    {
        // Given
        var documented = ReadXmlDocumentation();
        var aliases = Aliases().ToArray();

        // When
        var withoutExample = aliases.Select(DocumentationIds.For)
            .Where(id => !documented.TryGetValue(id, out var member) || !member.Elements("example").Elements("code").Any(code => code.Value.Trim().Length > 0))
            .ToArray();

        // Then
        Assert.NotEmpty(aliases);
        Assert.Contains("M:Cake.FabulAWS.FabulAwsAliases.FabulAwsCheckBranchAsync(Cake.Core.ICakeContext,System.String,Cake.FabulAWS.Workflows.CheckBranch.CheckBranchSettings)", documented.Keys);
        Assert.Empty(withoutExample);
    }

    [Fact]
    public void Should_Name_And_Categorise_Every_Alias_The_Same_Way()
    {
        // When
        var offenders = Aliases()
            .Where(alias => !alias.Name.StartsWith("FabulAws", StringComparison.Ordinal)
                || (typeof(Task).IsAssignableFrom(alias.ReturnType) != alias.Name.EndsWith("Async", StringComparison.Ordinal))
                || alias.GetCustomAttribute<CakeAliasCategoryAttribute>() is null
                || !alias.GetCustomAttributes<CakeNamespaceImportAttribute>().Any())
            .Select(alias => alias.Name)
            .ToArray();

        // Then
        Assert.Empty(offenders);
    }

    private static IEnumerable<MethodInfo> Aliases() =>
        typeof(FabulAwsAliases).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<CakeMethodAliasAttribute>() is not null
                || method.GetCustomAttribute<CakePropertyAliasAttribute>() is not null);

    private static string Value(XElement metadata, string name) =>
        metadata.Elements().Single(e => e.Name.LocalName == name).Value;

    private XElement ReadNuspecMetadata()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        using var stream = archive.GetEntry("Cake.FabulAWS.nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    private Dictionary<string, XElement> ReadXmlDocumentation()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        using var stream = archive.GetEntry(LibFolder + "Cake.FabulAWS.xml")!.Open();
        return XDocument.Load(stream).Descendants("member").ToDictionary(m => (string)m.Attribute("name")!);
    }

    private string[] EntryNames()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        return archive.Entries.Select(entry => entry.FullName).ToArray();
    }
}
