using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansFeed.Grains.Hosting;
using OrleansFeed.Grains.Hosting.Cluster;

namespace OrleansFeed.Grains.Tests.Hosting;

/// <summary>The <c>Cluster</c> section and <c>Silo:AdvertisedAddress</c>: the measured membership defaults, ranges, and one line per problem.</summary>
public sealed class SiloClusterOptionsTests
{
    [Fact]
    public void Defaults_AreValid_EmbeddedSilo_MeasuredMembershipTiming()
    {
        var options = new SiloClusterOptions();

        options.Validate().Should().BeEmpty();
        options.Enabled.Should().BeFalse("without Cluster:Redis the silo stays a cluster of one");
        options.Membership.ProbeTimeout.Should().Be(TimeSpan.FromSeconds(1));
        options.Membership.MinProbeTimeout.Should().Be(TimeSpan.FromSeconds(1));
        options.Membership.MaxProbeTimeout.Should().Be(TimeSpan.FromSeconds(1.5));
        options.Membership.NumMissedProbesLimit.Should().Be(3);
        options.Membership.EnableConnectionLivenessCheck.Should().BeTrue();
    }

    [Fact]
    public void Bind_ClusterSection_ReadsRedisAndMembership()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:Redis"] = "127.0.0.1:6379",
            ["Cluster:ExpectedSilos"] = "3",
            ["Cluster:Membership:MaxProbeTimeout"] = "00:00:02",
        }).Build();
        var options = new SiloClusterOptions();

        configuration.GetSection(SiloClusterOptions.SectionName).Bind(options);

        options.Enabled.Should().BeTrue();
        options.ExpectedSilos.Should().Be(3);
        options.Membership.MaxProbeTimeout.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Theory]
    [InlineData("00:00:01", "00:00:00.500", 3, "Cluster:Membership:MaxProbeTimeout (00:00:00.5000000) must not be less than Cluster:Membership:MinProbeTimeout (00:00:01).")]
    [InlineData("00:00:00", "00:00:01", 3, "Cluster:Membership:ProbeTimeout and Cluster:Membership:MinProbeTimeout must be greater than zero.")]
    [InlineData("00:00:01", "00:00:01.500", 0, "Cluster:Membership:NumMissedProbesLimit must be at least 1.")]
    public void Validate_BadMembershipTiming_NamesTheKeys(string min, string max, int missed, string expected)
    {
        var options = new SiloClusterOptions
        {
            Membership = new MembershipTimingOptions
            {
                MinProbeTimeout = TimeSpan.Parse(min, CultureInfo.InvariantCulture),
                MaxProbeTimeout = TimeSpan.Parse(max, CultureInfo.InvariantCulture),
                NumMissedProbesLimit = missed,
            },
        };

        options.Validate().Should().Contain(expected);
    }

    [Fact]
    public void AddFeedSilo_BadClusterAndAddress_ThrowsOneLinePerProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cluster:ExpectedSilos"] = "0",
            ["Silo:AdvertisedAddress"] = "not-an-ip",
        }).Build();
        var builder = Host.CreateApplicationBuilder();

        var build = () => builder.UseOrleans(silo => silo.AddFeedSilo(configuration));

        build.Should().Throw<InvalidOperationException>().Which.Message.Split(Environment.NewLine).Should().BeEquivalentTo(
            "Silo:AdvertisedAddress 'not-an-ip' is not an IP address.",
            "Cluster:ExpectedSilos must be at least 1.");
    }
}
