using Cake.Core;
using Cake.FabulAWS.Workflows.UpdateServerPasswords;

namespace Cake.FabulAWS.Tests.Workflows.UpdateServerPasswords;

public sealed class SecretsFileParserTests
{
    public sealed class TheYamlMethod
    {
        [Fact]
        public void Should_Read_Names_And_Scalar_Values()
        {
            // When
            var secrets = SecretsFileParser.Yaml("f.yml", "database_password: 'it''s: secret'\nport: 5432\nempty: \"\"\n");

            // Then
            Assert.Equal(["database_password", "port", "empty"], secrets.Keys);
            Assert.Equal(["it's: secret", "5432", string.Empty], secrets.Values.Select(s => s.Reveal()));
        }

        [Fact]
        public void Should_Refuse_A_Nested_Value_Without_Quoting_It()
        {
            // When
            var error = Record.Exception(() => SecretsFileParser.Yaml("f.yml", "a: ok\nb:\n  - hunter2\n"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.Equal("f.yml line 3: the value of 'b' must be a single string.", error.Message);
        }

        [Fact]
        public void Should_Report_Invalid_Yaml_By_Line_Without_Its_Content()
        {
            // When
            var error = Record.Exception(() => SecretsFileParser.Yaml("f.yml", "a: ok\nb: \"hunter2\n"));

            // Then
            Assert.IsType<CakeException>(error);
            Assert.StartsWith("f.yml line ", error.Message);
            Assert.DoesNotContain("hunter2", error.Message);
        }

        [Fact]
        public void Should_Read_An_Empty_File_As_No_Secrets()
        {
            // When
            var secrets = SecretsFileParser.Yaml("f.yml", "# nothing yet\n");

            // Then
            Assert.Empty(secrets);
        }
    }

    public sealed class ThePythonMethod
    {
        [Fact]
        public void Should_Read_FabulAws_Assignments_With_Either_Quote()
        {
            // Given
            var text = "# FabulAWS secrets\ndatabase_password = \"p@ss 'one'\"\r\nbroker_password='two \\' \"x\"'  # comment\nnot_a_string = 5\nimport os\n";

            // When
            var secrets = SecretsFileParser.Python(text);

            // Then
            Assert.Equal(["database_password", "broker_password"], secrets.Keys);
            Assert.Equal(["p@ss 'one'", "two ' \"x\""], secrets.Values.Select(s => s.Reveal()));
        }
    }
}
