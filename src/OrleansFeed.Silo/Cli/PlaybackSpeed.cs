using System.CommandLine;
using System.Globalization;

namespace OrleansFeed.Silo.Cli;

/// <summary>
/// The <c>--speed</c> option of <c>simulate</c> and <c>run --simulate</c>: the simulator's playback pace as a multiplier
/// of the recorded pace (<see cref="Simulator.SimulatorOptions.PlaybackSpeed"/>): 1 = recorded, 2 = twice as fast,
/// 0.5 = half the recorded pace (every recorded gap twice as long), 0 = as fast as possible.
/// </summary>
internal static class PlaybackSpeed
{
    /// <summary>A new <c>--speed</c> option (default 1); each command gets its own instance.</summary>
    /// <returns>The option.</returns>
    public static Option<double> CreateOption() => new("--speed")
    {
        Description = "Playback pace: 1 = recorded pace, 2 = twice as fast, 0.5 = half the recorded pace, 0 = as fast as possible.",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>Checks a parsed speed before anything starts.</summary>
    /// <param name="speed">The value given.</param>
    /// <returns><paramref name="speed"/>.</returns>
    /// <exception cref="CliUsageException">Negative, infinite or not a number: one line saying what is allowed.</exception>
    public static double Validate(double speed) =>
        double.IsFinite(speed) && speed >= 0
            ? speed
            : throw new CliUsageException(string.Create(CultureInfo.InvariantCulture, $"--speed {speed} is not a playback pace: use 0 (as fast as possible) or a positive number (1 = recorded pace, 0.5 = half of it, 2 = twice as fast)."));
}
