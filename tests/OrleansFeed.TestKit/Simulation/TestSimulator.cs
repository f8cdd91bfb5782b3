namespace OrleansFeed.TestKit.Simulation;

/// <summary>Simulator settings shared by the tests that run a whole silo against it.</summary>
public static class TestSimulator
{
    /// <summary>
    /// Frames the simulator queues per client before dropping it as a slow consumer. The test projects run in parallel
    /// on two cores, so a starved silo can fall far behind a playback at full speed; dropped after playback ends, its
    /// REST-snapshot books would wait for a next diff that never comes. Slow-consumer handling has its own tests.
    /// </summary>
    public const int MaxSendQueue = 5_000_000;
}
