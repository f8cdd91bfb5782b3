using System.CommandLine;
using OrleansFeed.Silo.Commands;
using YamlDotNet.RepresentationModel;

namespace OrleansFeed.EndToEnd.Tests.Docker;

/// <summary>
/// docker/docker-compose.yml checked without a container runtime (none on this machine or in CI): the services of the
/// three-silo cluster, every orleansfeed command parsed by the real command line, the silos pointed at the simulator and
/// Redis services by name, distinct silo, gateway and API ports, each API published on the host's loopback at its
/// own port, each silo advertising its own address on the compose network, and the Dockerfile's entry point taking the compose commands as arguments.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];

    [Fact]
    public void Compose_Services_RedisNatsOneSimulatorAndThreeSilos()
    {
        var services = Services();

        services.Keys.Should().BeEquivalentTo(["redis", "nats", "simulator", .. Silos]);
        Command(services["simulator"])[0].Should().Be("simulate");
        Silos.Should().OnlyContain(s => Command(services[s])[0] == "run");
    }

    [Fact]
    public void Compose_EveryOrleansFeedCommand_ParsesWithTheRealCommandLine()
    {
        var services = Services();
        foreach (var name in Silos.Append("simulator"))
        {
            var args = Command(services[name]);
            var root = new RootCommand { RunCommand.Create(), SimulateCommand.Create() };

            var result = root.Parse(args);

            result.Errors.Select(e => e.Message).Should().BeEmpty($"{name}: {string.Join(' ', args)}");
            if (args[0] == "run")
            {
                // run takes --Section:Key settings as unmatched tokens; Overrides throws on any token that is not one.
                ClusterCommandLine.Overrides(result).Select(o => o.Key).Should().Contain(["Cluster:Redis", "Silo:SiloPort", "Silo:GatewayPort"], name);
            }
            else
            {
                result.UnmatchedTokens.Should().BeEmpty(name);
            }
        }
    }

    [Fact]
    public void Compose_Silos_UseTheSimulatorAndRedisServicesWithDistinctPortsPublishedOnLoopback()
    {
        var services = Services();
        var simulator = Command(services["simulator"]);
        Value(simulator, "--bind").Should().Be("0.0.0.0", "other containers reach the simulator only on a non-loopback address");
        var simulatorPort = Value(simulator, "--port");
        Sequence(services["simulator"], "volumes").Should().ContainSingle().Which.Should().EndWith($":{simulator[1]}:ro", "the captures argument is the mounted recordings folder");

        var ports = new List<string>();
        foreach (var name in Silos)
        {
            var service = services[name];
            var command = Command(service);
            Value(command, "--simulator").Should().Be($"http://simulator:{simulatorPort}", name);
            Value(command, "--cluster").Should().Be("redis:6379", $"{name}: Cluster:Redis names the redis service");
            Value(command, "--bind").Should().Be("0.0.0.0", name);
            var api = Value(command, "--port");
            ports.AddRange([Value(command, "--silo-port"), Value(command, "--gateway-port"), api]);
            Sequence(service, "ports").Should().Equal([$"127.0.0.1:{api}:{api}"], $"{name}: its API on the host's loopback at the same port");
            Sequence((YamlMappingNode)service.Children[new YamlScalarNode("healthcheck")], "test").Should().Contain(t => t.Contains($"/127.0.0.1/{api} ", StringComparison.Ordinal), $"{name}: health checked on its own API port");
            ((YamlMappingNode)service.Children[new YamlScalarNode("depends_on")]).Children.Keys.Select(k => k.ToString()).Should().BeEquivalentTo(["redis", "nats", "simulator"], name);
        }

        ports.Should().OnlyHaveUniqueItems("three silos on one network namespace each need their own silo, gateway and API port").And.HaveCount(9);
    }

    [Fact]
    public void Compose_Silos_AdvertiseTheirOwnAddressOnTheComposeNetworkAndWaitForEachOther()
    {
        var services = Services();
        var root = Root();
        var subnet = ((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root.Children[new YamlScalarNode("networks")])
            .Children[new YamlScalarNode("feed")]).Children[new YamlScalarNode("ipam")]).Children[new YamlScalarNode("config")]).Children[0])
            .Children[new YamlScalarNode("subnet")].ToString();
        var network = System.Net.IPNetwork.Parse(subnet);

        var advertised = new List<string>();
        foreach (var name in Silos)
        {
            var service = services[name];
            var command = Command(service);
            var address = Value(command, "--Silo:AdvertisedAddress");
            var feed = (YamlMappingNode)((YamlMappingNode)service.Children[new YamlScalarNode("networks")]).Children[new YamlScalarNode("feed")];
            feed.Children[new YamlScalarNode("ipv4_address")].ToString().Should().Be(address, $"{name}: the other silos reach it at the address it advertises");
            network.Contains(System.Net.IPAddress.Parse(address)).Should().BeTrue($"{name}: {address} is on the compose network {subnet}");
            Value(command, "--Cluster:ExpectedSilos").Should().Be(Silos.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{name}: connectors spread over all silos");
            advertised.Add(address);
        }

        advertised.Should().OnlyHaveUniqueItems();
        foreach (var name in services.Keys.Except(Silos))
        {
            Sequence(services[name], "networks").Should().Equal(["feed"], $"{name}: on the silos' network");
        }
    }

    [Fact]
    public void Dockerfile_EntryPoint_IsTheExecutableSoComposeCommandsAreItsArguments()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docker", "Dockerfile"));

        lines.Should().ContainSingle(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)).Which.Should().Be("ENTRYPOINT [\"./orleansfeed\"]");
        lines.Should().Contain("CMD [\"run\", \"--config\", \"silo-config/appsettings.json\"]");
    }

    private static Dictionary<string, YamlMappingNode> Services() =>
        ((YamlMappingNode)Root().Children[new YamlScalarNode("services")]).Children.ToDictionary(c => c.Key.ToString(), c => (YamlMappingNode)c.Value);

    private static YamlMappingNode Root()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot(), "docker", "docker-compose.yml")))
        {
            yaml.Load(reader);
        }

        return (YamlMappingNode)yaml.Documents.Single().RootNode;
    }

    private static List<string> Command(YamlMappingNode service) => Sequence(service, "command");

    private static List<string> Sequence(YamlMappingNode node, string key) =>
        [.. ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(c => c.ToString())];

    private static string Value(List<string> command, string option)
    {
        var at = command.IndexOf(option);
        at.Should().BeGreaterThan(0, $"{option} in {string.Join(' ', command)}");
        return command[at + 1];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansFeed.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansFeed.sln above {AppContext.BaseDirectory}.");
    }
}
