namespace OrleansFeed.Redis.IntegrationTests.Options;

/// <summary>Verifies option validation messages name section and key, and that passwords never appear in text.</summary>
public sealed class RedisOptionsValidatorTests
{
    [Fact(Timeout = 5_000)]
    public async Task Validate_Defaults_Succeeds()
    {
        new RedisOptionsValidator().Validate(null, new RedisOptions()).Succeeded.Should().BeTrue();
        await Task.CompletedTask;
    }

    [Fact(Timeout = 5_000)]
    public async Task Validate_BadPrefixAndInterval_FailureNamesSectionAndKey()
    {
        var options = new RedisOptions { KeyPrefix = "bad prefix:", LastValueMinInterval = TimeSpan.FromMinutes(2) };

        var result = new RedisOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Redis:KeyPrefix").And.Contain("Redis:LastValueMinInterval");
        await Task.CompletedTask;
    }

    [Fact(Timeout = 5_000)]
    public async Task ToString_WithPassword_RedactsIt()
    {
        var options = new RedisOptions { ConnectionString = "redis.local:6379,password=s3cret,ssl=false" };

        options.ToString().Should().Contain("password=***").And.NotContain("s3cret");
        RedisConnectionStrings.Redact(options.ConnectionString).Should().Be("redis.local:6379,password=***,ssl=false");
        await Task.CompletedTask;
    }
}
