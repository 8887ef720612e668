using Cake.FabulAWS.Configuration.Yaml;

namespace Cake.FabulAWS.Tests.Configuration.Yaml;

public sealed class SuggestionsTests
{
    public sealed class TheClosestMethod
    {
        [Theory]
        [InlineData("regoin", "region")]
        [InlineData("REGION", "region")]
        [InlineData("enviroments", "environments")]
        [InlineData("auto_scaling_group", "auto_scaling_groups")]
        [InlineData("ssh_keys", "ssh_key")]
        public void Should_Find_A_Name_A_Few_Typing_Mistakes_Away(string input, string expected)
        {
            // Given
            string[] candidates = ["region", "environments", "auto_scaling_groups", "ssh_key", "ssh_port"];

            // When
            var suggestion = Suggestions.Closest(input, candidates);

            // Then
            Assert.Equal(expected, suggestion);
        }

        [Theory]
        [InlineData("colour")]
        [InlineData("rg")]
        [InlineData("")]
        public void Should_Suggest_Nothing_When_No_Name_Is_Close(string input)
        {
            // Given
            string[] candidates = ["region", "environments"];

            // When
            var suggestion = Suggestions.Closest(input, candidates);

            // Then
            Assert.Null(suggestion);
        }

        [Fact]
        public void Should_Prefer_The_Closest_Of_Several_Names()
        {
            // Given
            string[] candidates = ["ssh_port", "ssh_key"];

            // When
            var suggestion = Suggestions.Closest("ssh_kez", candidates);

            // Then
            Assert.Equal("ssh_key", suggestion);
        }
    }

    public sealed class TheDistanceMethod
    {
        [Theory]
        [InlineData("region", "region", 0)]
        [InlineData("regoin", "region", 1)]
        [InlineData("regio", "region", 1)]
        [InlineData("xregion", "region", 1)]
        [InlineData("rezion", "region", 1)]
        [InlineData("", "abc", 3)]
        public void Should_Count_Insertions_Deletions_Substitutions_And_Swaps_As_One(string a, string b, int expected)
        {
            // Given the two words

            // When
            var distance = Suggestions.Distance(a, b);

            // Then
            Assert.Equal(expected, distance);
        }
    }
}
