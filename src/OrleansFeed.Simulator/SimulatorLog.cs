using Microsoft.Extensions.Logging;

namespace OrleansFeed.Simulator;

/// <summary>Simulator log events; ids 6000–6999 are the simulator's area.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 6000, EventName = "SimulatorCaptureLoaded", Level = LogLevel.Information,
        Message = "Simulator capture loaded: frames={Frames} skipped={Skipped} snapshots={Snapshots} unusableSnapshots={Unusable}")]
    public static partial void CaptureLoaded(ILogger logger, int frames, int skipped, int snapshots, int unusable);

    [LoggerMessage(EventId = 6001, EventName = "SimulatorStarted", Level = LogLevel.Information,
        Message = "Simulator listening on {BaseUri}: frames={Frames} speed={Speed}")]
    public static partial void Started(ILogger logger, Uri baseUri, int frames, double speed);

    [LoggerMessage(EventId = 6002, EventName = "SimulatorPlaybackStarted", Level = LogLevel.Information,
        Message = "Simulator playback started: frames={Frames} speed={Speed}")]
    public static partial void PlaybackStarted(ILogger logger, int frames, double speed);

    [LoggerMessage(EventId = 6003, EventName = "SimulatorPlaybackCompleted", Level = LogLevel.Information,
        Message = "Simulator playback completed: frames={Frames} sent={Sent} dropped={Dropped} trueBookGaps={Gaps}")]
    public static partial void PlaybackCompleted(ILogger logger, int frames, long sent, long dropped, long gaps);

    [LoggerMessage(EventId = 6004, EventName = "SimulatorClientConnected", Level = LogLevel.Debug,
        Message = "Simulator client {ClientId} connected: path={Path} streams={Streams}")]
    public static partial void ClientConnected(ILogger logger, long clientId, string path, int streams);

    [LoggerMessage(EventId = 6005, EventName = "SimulatorClientDisconnected", Level = LogLevel.Debug,
        Message = "Simulator client {ClientId} disconnected")]
    public static partial void ClientDisconnected(ILogger logger, long clientId);

    [LoggerMessage(EventId = 6006, EventName = "SimulatorSlowClientDisconnected", Level = LogLevel.Warning,
        Message = "Simulator client {ClientId} disconnected: send queue full (capacity={Capacity})")]
    public static partial void SlowClientDisconnected(ILogger logger, long clientId, int capacity);

    [LoggerMessage(EventId = 6007, EventName = "SimulatorFaultInjected", Level = LogLevel.Information,
        Message = "Simulator fault injected: {Fault} target={Target}")]
    public static partial void FaultInjected(ILogger logger, string fault, string target);

    [LoggerMessage(EventId = 6008, EventName = "SimulatorVenueRequest", Level = LogLevel.Debug,
        Message = "Simulator client {ClientId} on {Venue}: {Request} keys={Keys} subscribedNow={Subscribed}")]
    public static partial void VenueRequest(ILogger logger, long clientId, string venue, Venues.SimulatedRequestKind request, int keys, int subscribed);
}
