using System.CommandLine;
using OrleansFeed.Silo.Cli;
using OrleansFeed.Silo.Commands;

namespace OrleansFeed.EndToEnd.Tests.Cluster;

/// <summary><c>run --cluster --silo-port --gateway-port</c> and <c>--Section:Key=value</c> become the shared configuration keys; anything else is one clear error.</summary>
public sealed class ClusterCommandLineTests
{
    [Fact]
    public void Run_ClusterOptionsAndSettings_BecomeConfigurationKeys()
    {
        var command = new Command("run");
        ClusterCommandLine.AddTo(command);

        var result = command.Parse(["--cluster", "127.0.0.1:6379", "--silo-port", "11112", "--gateway-port", "30001", "--Silo:ClusterId=prod", "--Cluster:ExpectedSilos", "3"]);

        result.Errors.Should().BeEmpty();
        ClusterCommandLine.Overrides(result).Should().Equal(
            new KeyValuePair<string, string?>("Cluster:Redis", "127.0.0.1:6379"),
            new KeyValuePair<string, string?>("Silo:SiloPort", "11112"),
            new KeyValuePair<string, string?>("Silo:GatewayPort", "30001"),
            new KeyValuePair<string, string?>("Silo:ClusterId", "prod"),
            new KeyValuePair<string, string?>("Cluster:ExpectedSilos", "3"));
    }

    [Theory]
    [InlineData("--bogus", "unknown argument '--bogus'")]
    [InlineData("stray", "unknown argument 'stray'")]
    [InlineData("--Silo:ClusterId", "setting '--Silo:ClusterId' has no value")]
    public void Run_TokenThatIsNoSetting_OneClearLine(string token, string expected)
    {
        var command = new Command("run");
        ClusterCommandLine.AddTo(command);

        var overrides = () => ClusterCommandLine.Overrides(command.Parse([token]));

        overrides.Should().Throw<CliUsageException>().Which.Message.Should().StartWith(expected);
    }
}
