using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration;

public sealed class CommandTemplateTests
{
    public sealed class TheRenderMethod
    {
        [Fact]
        public void Should_Fill_Every_Placeholder_And_Leave_Shell_Braces_Alone()
        {
            // Given
            var command = new CommandTemplate("cd ${HOME}/{{ environment }} && echo {{commit}} {{commit}} {}");

            // When
            var rendered = command.Render(new Dictionary<string, string> { ["environment"] = "staging", ["commit"] = "abc" });

            // Then
            Assert.Equal("cd ${HOME}/staging && echo abc abc {}", rendered);
        }

        [Fact]
        public void Should_Quote_Each_Value_So_It_Stays_One_Word()
        {
            // Given
            var command = new CommandTemplate("echo {{branch}} > {{static_root}}/REVISION");

            // When
            var rendered = command.Render(new Dictionary<string, string> { ["branch"] = "x; rm -rf ~", ["static_root"] = "~/www" });

            // Then
            Assert.Equal("echo 'x; rm -rf ~' > ~/www/REVISION", rendered);
        }

        [Fact]
        public void Should_Refuse_A_Placeholder_Without_A_Value()
        {
            // Given
            var command = new CommandTemplate("echo {{branch}}");

            // When
            var exception = Assert.Throws<ArgumentException>(() => command.Render(new Dictionary<string, string>()));

            // Then
            Assert.StartsWith("No value for placeholder {{branch}} in command 'echo {{branch}}'.", exception.Message);
        }
    }

    public sealed class TheUsedPlaceholdersProperty
    {
        [Fact]
        public void Should_List_Each_Placeholder_Once_In_Order()
        {
            // Given
            var command = new CommandTemplate("{{commit}} {{branch}} {{ commit }} {{not a placeholder}}");

            // When
            var used = command.UsedPlaceholders;

            // Then
            Assert.Equal(["commit", "branch"], used);
        }
    }
}
