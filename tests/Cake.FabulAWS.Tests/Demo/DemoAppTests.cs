using Demo;

namespace Cake.FabulAWS.Tests.Demo;

public sealed class DemoAppTests
{
    public sealed class TheTuneConfigMethod
    {
        private const string Config = "region: us-east-1\nendpoint_urls:\n  local: http://127.0.0.1:4566\ntimeouts:\n  deploy: 1800\n";

        [Fact]
        public void Should_Point_Local_At_The_Demo_Endpoint_And_Poll_Faster()
        {
            // When
            var tuned = DemoApp.TuneConfig(Config, "http://127.0.0.1:4566", "http://127.0.0.1:40123", 200);

            // Then
            Assert.Equal("region: us-east-1\nendpoint_urls:\n  local: http://127.0.0.1:40123\ntimeouts:\n  poll_interval_ms: 200\n  deploy: 1800\n", tuned);
        }

        [Fact]
        public void Should_Replace_A_Poll_Interval_That_Is_There()
        {
            // When
            var tuned = DemoApp.TuneConfig(Config.Replace("  deploy: 1800", "  poll_interval_ms: 5000", StringComparison.Ordinal), "http://127.0.0.1:4566", "http://127.0.0.1:1", 200);

            // Then
            Assert.EndsWith("timeouts:\n  poll_interval_ms: 200\n", tuned, StringComparison.Ordinal);
        }

        [Fact]
        public void Should_Add_The_Timeouts_When_There_Are_None()
        {
            // When
            var tuned = DemoApp.TuneConfig("endpoint_urls: {local: 'http://127.0.0.1:4566'}\n", "http://127.0.0.1:4566", "http://127.0.0.1:1", 250);

            // Then
            Assert.Equal("endpoint_urls: {local: 'http://127.0.0.1:1'}\ntimeouts:\n  poll_interval_ms: 250\n", tuned);
        }

        [Fact]
        public void Should_Refuse_A_Config_That_Does_Not_Name_The_Endpoint()
        {
            // When
            var error = Record.Exception(() => DemoApp.TuneConfig("endpoint_urls: {local: http://127.0.0.1:9}\n", "http://127.0.0.1:4566", "http://127.0.0.1:1", 200));

            // Then
            Assert.Equal("fabulaws-config.yml does not name the endpoint http://127.0.0.1:4566: the demo points environment local's endpoint_urls at its own LocalAws.", Assert.IsType<InvalidOperationException>(error).Message);
        }

        [Fact]
        public void Should_Point_Every_Environment_On_The_Bundled_LocalAws_At_This_One()
        {
            // When
            var tuned = DemoApp.TuneConfig("endpoint_urls: {local: http://127.0.0.1:4566, testing: http://127.0.0.1:4566}\n", "http://127.0.0.1:4566", "http://127.0.0.1:1", 200);

            // Then
            Assert.StartsWith("endpoint_urls: {local: http://127.0.0.1:1, testing: http://127.0.0.1:1}", tuned, StringComparison.Ordinal);
        }
    }

    public sealed class ThePageVersion
    {
        [Fact]
        public void Should_Read_And_Bump_The_Version_Of_The_Repository_Page()
        {
            // Given
            var page = File.ReadAllText(Path.Combine(Root(), DemoApp.Page));

            // When
            var version = PageVersion.Read(page);
            var next = PageVersion.Write(page, 2);

            // Then
            Assert.Equal(1, version);
            Assert.Equal(2, PageVersion.Read(next));
            Assert.Equal(page.Replace("<span id=\"version\">1</span>", "<span id=\"version\">2</span>", StringComparison.Ordinal), next);
        }

        [Fact]
        public void Should_Find_No_Version_On_Another_Page()
        {
            // Then
            Assert.Null(PageVersion.Read("<h1>We are upgrading the site</h1>"));
        }

        private static string Root()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(dir!.FullName, "FabulAWS.sln")))
            {
                dir = dir.Parent;
            }

            return dir.FullName;
        }
    }
}
