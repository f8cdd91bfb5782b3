using System.Text.Json.Serialization;

namespace OrleansFeed.Nats.Js.Internal;

// Wire DTOs of the JetStream JSON API (snake_case, durations in nanoseconds). Kept together: they are one schema.
// https://docs.nats.io/reference/reference-protocols/nats_api_reference

internal sealed class ApiErrorDto
{
    public int Code { get; set; }

    public int ErrCode { get; set; }

    public string? Description { get; set; }
}

internal class ApiResponseDto
{
    public ApiErrorDto? Error { get; set; }
}

internal sealed class StreamConfigDto
{
    public string Name { get; set; } = string.Empty;

    public string[] Subjects { get; set; } = [];

    public string Storage { get; set; } = "file";

    public string Retention { get; set; } = "limits";

    public long MaxAge { get; set; }

    public long DuplicateWindow { get; set; }

    public long MaxBytes { get; set; } = -1;

    public long MaxMsgs { get; set; } = -1;

    public long MaxMsgsPerSubject { get; set; } = -1;

    public string Discard { get; set; } = "old";

    public int NumReplicas { get; set; } = 1;
}

internal sealed class StreamStateDto
{
    public ulong Messages { get; set; }

    public ulong FirstSeq { get; set; }

    public ulong LastSeq { get; set; }

    public ulong Bytes { get; set; }
}

internal sealed class StreamInfoResponseDto : ApiResponseDto
{
    public StreamConfigDto? Config { get; set; }

    public StreamStateDto? State { get; set; }
}

internal sealed class DeleteResponseDto : ApiResponseDto
{
    public bool Success { get; set; }
}

internal sealed class PubAckDto : ApiResponseDto
{
    public string? Stream { get; set; }

    public ulong Seq { get; set; }

    public bool Duplicate { get; set; }

    public string? Domain { get; set; }
}

internal sealed class ConsumerConfigDto
{
    public string? DurableName { get; set; }

    public string? DeliverSubject { get; set; }

    public string DeliverPolicy { get; set; } = "all";

    public ulong? OptStartSeq { get; set; }

    public DateTimeOffset? OptStartTime { get; set; }

    public string AckPolicy { get; set; } = "explicit";

    public long? AckWait { get; set; }

    public int? MaxDeliver { get; set; }

    public string? FilterSubject { get; set; }

    public int? MaxAckPending { get; set; }

    public bool? MemStorage { get; set; }

    public long? InactiveThreshold { get; set; }

    public int? NumReplicas { get; set; }
}

internal sealed class ConsumerCreateRequestDto
{
    public string StreamName { get; set; } = string.Empty;

    public ConsumerConfigDto Config { get; set; } = new();
}

internal sealed class SequenceInfoDto
{
    public ulong ConsumerSeq { get; set; }

    public ulong StreamSeq { get; set; }
}

internal sealed class ConsumerInfoResponseDto : ApiResponseDto
{
    public string? Name { get; set; }

    public string? StreamName { get; set; }

    public SequenceInfoDto? Delivered { get; set; }

    public SequenceInfoDto? AckFloor { get; set; }

    public long NumAckPending { get; set; }

    public long NumPending { get; set; }
}

internal sealed class PullRequestDto
{
    public int Batch { get; set; }

    public long Expires { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StreamConfigDto))]
[JsonSerializable(typeof(StreamInfoResponseDto))]
[JsonSerializable(typeof(DeleteResponseDto))]
[JsonSerializable(typeof(PubAckDto))]
[JsonSerializable(typeof(ConsumerCreateRequestDto))]
[JsonSerializable(typeof(ConsumerInfoResponseDto))]
[JsonSerializable(typeof(PullRequestDto))]
internal sealed partial class JsJsonContext : JsonSerializerContext
{
}
