using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrleansFeed.Grains.Hosting;

namespace OrleansFeed.Grains.Tests.Hosting;

/// <summary>The <c>Silo</c> section: defaults, ranges, and a bad value stops the silo from being built with one line per problem.</summary>
public sealed class SiloOptionsTests
{
    [Fact]
    public void Defaults_AreValid_FifteenMinuteCollectionAge()
    {
        var options = new SiloOptions();

        options.Validate().Should().BeEmpty();
        options.CollectionAge.Should().Be(TimeSpan.FromMinutes(15));
        options.SupervisorInterval.Should().Be(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("00:01:00", "00:01:00", "Silo:CollectionAge (00:01:00) must be greater than Silo:CollectionQuantum (00:01:00).")]
    [InlineData("00:01:00", "00:00:00", "Silo:CollectionQuantum must be greater than zero.")]
    public void Validate_AgeNotAboveQuantum_NamesSectionAndKeys(string age, string quantum, string expected)
    {
        var options = new SiloOptions { CollectionAge = TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture), CollectionQuantum = TimeSpan.Parse(quantum, System.Globalization.CultureInfo.InvariantCulture) };

        options.Validate().Should().Contain(expected);
    }

    [Fact]
    public void AddFeedSilo_InvalidSection_ThrowsOneLinePerProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:SiloPort"] = "70000",
            ["Silo:SupervisorInterval"] = "00:00:00",
        }).Build();
        var builder = Host.CreateApplicationBuilder();

        var build = () => builder.UseOrleans(silo => silo.AddFeedSilo(configuration));

        build.Should().Throw<InvalidOperationException>().Which.Message.Split(Environment.NewLine).Should().HaveCount(2)
            .And.Contain(l => l.Contains("Silo:SiloPort", StringComparison.Ordinal))
            .And.Contain(l => l.Contains("Silo:SupervisorInterval", StringComparison.Ordinal));
    }
}
