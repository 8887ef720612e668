using Cake.FabulAWS.Remote;

namespace Cake.FabulAWS.Tests.Remote;

public sealed class ShellQuoteTests
{
    public sealed class TheWordMethod
    {
        [Theory]
        [InlineData("abc-1.2_x/y:z@h%+,=", "abc-1.2_x/y:z@h%+,=")]
        [InlineData("", "''")]
        [InlineData("a b", "'a b'")]
        [InlineData("$HOME", "'$HOME'")]
        [InlineData("a'b", "'a'\\''b'")]
        [InlineData("~/x", "'~/x'")]
        [InlineData("*", "'*'")]
        public void Should_Quote_Anything_The_Shell_Would_Interpret(string word, string expected)
        {
            // When
            var quoted = ShellQuote.Word(word);

            // Then
            Assert.Equal(expected, quoted);
        }
    }

    public sealed class ThePathMethod
    {
        [Theory]
        [InlineData("~/www/static", "~/www/static")]
        [InlineData("~/", "~/")]
        [InlineData("~", "~")]
        [InlineData("~other/x", "'~other/x'")]
        [InlineData("/srv/www", "/srv/www")]
        [InlineData("/srv/my www", "'/srv/my www'")]
        public void Should_Leave_Only_A_Leading_Tilde_Expandable(string path, string expected)
        {
            // When
            var quoted = ShellQuote.Path(path);

            // Then
            Assert.Equal(expected, quoted);
        }
    }
}
