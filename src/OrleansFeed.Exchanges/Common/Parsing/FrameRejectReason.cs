namespace OrleansFeed.Exchanges.Common.Parsing;

/// <summary>Why a venue frame or REST response was rejected. Used as the metrics label; never thrown.</summary>
public enum FrameRejectReason : byte
{
    /// <summary>Not valid JSON, or not the shape the venue documents.</summary>
    Malformed,

    /// <summary>A field had the wrong JSON type (e.g. a number where the venue sends a string).</summary>
    WrongFieldType,

    /// <summary>A price or size was not an exact decimal in range.</summary>
    InvalidNumber,

    /// <summary>A size was negative, or a price zero or negative.</summary>
    InvalidLevel,

    /// <summary>More levels than the configured cap in one message.</summary>
    TooManyLevels,

    /// <summary>The frame exceeded the configured size cap.</summary>
    TooLarge,

    /// <summary>A symbol we are not subscribed to.</summary>
    UnknownSymbol,

    /// <summary>A message type we do not know.</summary>
    UnknownType,

    /// <summary>A required field was missing.</summary>
    MissingField,
}
