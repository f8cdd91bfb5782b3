using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OrleansFeed.Nats.Js.Internal;

namespace OrleansFeed.Nats.Js;

/// <summary>
/// JetStream over the JSON API subjects (<c>$JS.API.*</c>) of one <see cref="NatsConnection"/>: streams, publish
/// with acknowledgement and de-duplication, ordered and durable pull consumers.
/// </summary>
/// <remarks>Thread-safe; holds no state besides the connection and API prefix. Not disposable.</remarks>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats_api_reference"/>
public sealed partial class NatsJSContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="connection">A connected connection (JetStream enabled on the server).</param>
    /// <param name="apiPrefix">API subject prefix; default <c>$JS.API</c>.</param>
    public NatsJSContext(NatsConnection connection, string apiPrefix = "$JS.API")
    {
        Connection = connection;
        ApiPrefix = apiPrefix;
    }

    /// <summary>The connection used for every call.</summary>
    public NatsConnection Connection { get; }

    /// <summary>The API subject prefix.</summary>
    public string ApiPrefix { get; }

    /// <summary>Sends a JSON API request and decodes the response; API errors become <see cref="NatsJSApiException"/>.</summary>
    internal async ValueTask<TResponse> RequestAsync<TRequest, TResponse>(string subject, TRequest? request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
        where TResponse : ApiResponseDto
    {
        var payload = request is null ? ReadOnlyMemory<byte>.Empty : JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var reply = await Connection.RequestAsync(subject, payload, cancellationToken: cancellationToken).ConfigureAwait(false);
        var response = JsonSerializer.Deserialize(reply.Data.Span, responseType)
            ?? throw new NatsJSApiException(0, 0, $"empty response to {subject}");
        if (response.Error is { } error)
        {
            throw new NatsJSApiException(error.Code, error.ErrCode, error.Description ?? string.Empty);
        }

        return response;
    }

    internal static long ToNanos(TimeSpan value) => value.Ticks * 100;
}
