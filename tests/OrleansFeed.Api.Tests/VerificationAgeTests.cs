using OrleansFeed.Api.Contracts;
using OrleansFeed.Core.Time;

namespace OrleansFeed.Api.Tests;

/// <summary><c>secondsSinceVerified</c>: null before the first proof, never negative, µs-exact.</summary>
public sealed class VerificationAgeTests
{
    [Fact]
    public void ProofWithinTheCurrentMillisecond_IsZeroNotNegative()
    {
        // The proof at .000600 s, read at .000900 s: a millisecond "now" (.000000) gave -0.001.
        VerificationAge.Seconds(new Timestamp(1_700_000_000_000_900), new Timestamp(1_700_000_000_000_600)).Should().Be(0m);
        VerificationAge.Seconds(new Timestamp(1_700_000_000_000_000), new Timestamp(1_700_000_000_000_600)).Should().Be(0m, "a proof stamped ahead of now is 0, not negative");
    }

    [Fact]
    public void SecondsToThreeDecimals_NullBeforeTheFirstProof()
    {
        VerificationAge.Seconds(new Timestamp(1_700_000_001_500_400), new Timestamp(1_700_000_000_000_000)).Should().Be(1.5m);
        VerificationAge.Seconds(new Timestamp(1_700_000_001_500_400), Timestamp.None).Should().BeNull();
    }
}
