using Cake.FabulAWS.Configuration;

namespace Cake.FabulAWS.Tests.Configuration.Sections;

public sealed class DeploySectionTests
{
    public sealed class TheReadMethod
    {
        [Fact]
        public void Should_Default_To_Launch_First_One_At_A_Time_On_Port_80_Without_A_Smoke_Check()
        {
            // When
            var target = ConfigText.Parse(ConfigText.Minimal).Resolve("staging");

            // Then
            Assert.Equal(new SerialSettings { Strategy = SerialStrategy.LaunchFirst, BatchSize = 1, MaxSurgePercent = null }, target.Serial);
            Assert.Null(target.SmokeCheck);
            Assert.Equal(80, target.WebPort);
        }

        [Fact]
        public void Should_Read_Every_Key()
        {
            // Given
            const string fragment = """
                serial: {strategy: instance-refresh, max_surge_percent: 25}
                smoke_check:
                  staging: {path: /status, status: 204, contains: ok, url: 'https://staging.example.com/'}
                web_port: {staging: 8080}

                """;

            // When
            var config = ConfigText.Parse(ConfigText.With(fragment));
            var staging = config.Resolve("staging");
            var production = config.Resolve("production");

            // Then
            Assert.Equal(new SerialSettings { Strategy = SerialStrategy.InstanceRefresh, BatchSize = 1, MaxSurgePercent = 25 }, staging.Serial);
            Assert.Equal(new SmokeCheck("/status", 204, "ok", new Uri("https://staging.example.com/")), staging.SmokeCheck);
            Assert.Equal(8080, staging.WebPort);
            Assert.Null(production.SmokeCheck);
            Assert.Equal(80, production.WebPort);
        }

        [Fact]
        public void Should_Check_Slash_With_Status_200_When_Only_The_Environment_Is_Given()
        {
            // When
            var check = ConfigText.Parse(ConfigText.With("smoke_check: {production: {}}\n")).Resolve("production").SmokeCheck;

            // Then
            Assert.Equal(new SmokeCheck("/", 200, null, null), check);
        }

        [Theory]
        [InlineData("serial: {strategy: rolling}\n", "fabulaws-config.yml:1:20: serial/strategy: should be launch-first, instance-refresh or fabulaws, not 'rolling'")]
        [InlineData("serial: {strategy: fabulas}\n", "fabulaws-config.yml:1:20: serial/strategy: should be launch-first, instance-refresh or fabulaws, not 'fabulas' (did you mean fabulaws?)")]
        [InlineData("serial: {batch_size: 0}\n", "fabulaws-config.yml:1:22: serial/batch_size: should be between 1 and 1000, not 0")]
        [InlineData("serial: {max_surge_percent: 150}\n", "fabulaws-config.yml:1:29: serial/max_surge_percent: should be between 1 and 100, not 150")]
        [InlineData("serial: {batch_size: 2, max_surge_percent: 50}\n", "fabulaws-config.yml:1:44: serial/max_surge_percent: give batch_size or max_surge_percent, not both")]
        [InlineData("serial: {batch_sise: 2}\n", "fabulaws-config.yml:1:10: serial/batch_sise: unknown key (did you mean batch_size?)")]
        [InlineData("smoke_check: {stagin: {}}\n", "fabulaws-config.yml:1:15: smoke_check/stagin: unknown environment (did you mean staging?); environments: staging, production")]
        [InlineData("smoke_check: {staging: {path: status}}\n", "fabulaws-config.yml:1:31: smoke_check/staging/path: 'status' should start with /")]
        [InlineData("smoke_check: {staging: {status: 42}}\n", "fabulaws-config.yml:1:33: smoke_check/staging/status: should be between 100 and 599, not 42")]
        [InlineData("smoke_check: {staging: {url: 'ftp://site'}}\n", "fabulaws-config.yml:1:30: smoke_check/staging/url: 'ftp://site' should be an http:// or https:// URL of the site")]
        [InlineData("web_port: {staging: 70000}\n", "fabulaws-config.yml:1:21: web_port/staging: should be between 1 and 65535, not 70000")]
        public void Should_Report_The_Mistake(string fragment, string expected)
        {
            // When
            var error = ConfigText.ErrorOf(ConfigText.With(fragment));

            // Then
            Assert.Equal(expected, error);
        }
    }

    public sealed class TheRoundSizeMethod
    {
        [Theory]
        [InlineData(1, null, 8, 1)]
        [InlineData(3, null, 8, 3)]
        [InlineData(5, null, 2, 2)]
        [InlineData(1, 25, 8, 2)]
        [InlineData(1, 25, 3, 1)]
        [InlineData(1, 100, 6, 6)]
        [InlineData(1, 25, 0, 1)]
        public void Should_Replace_Between_One_And_The_Whole_Group_Per_Round(int batch, int? surge, int desired, int expected)
        {
            // When
            var round = new SerialSettings { BatchSize = batch, MaxSurgePercent = surge }.RoundSize(desired);

            // Then
            Assert.Equal(expected, round);
        }
    }
}
