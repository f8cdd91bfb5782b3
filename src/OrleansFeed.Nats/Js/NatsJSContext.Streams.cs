using OrleansFeed.Nats.Js.Internal;

namespace OrleansFeed.Nats.Js;

/// <summary>Stream management.</summary>
public sealed partial class NatsJSContext
{
    private const int StreamNameInUse = 10058;
    private const int StreamNotFound = 10059;

    /// <summary>Creates the stream, or updates it when it exists with a different configuration.</summary>
    /// <param name="config">Stream settings.</param>
    /// <param name="cancellationToken">Cancels the API requests.</param>
    /// <returns>The stream's state after the call.</returns>
    /// <exception cref="NatsJSApiException">The server refused the configuration (e.g. a change of storage type).</exception>
    /// <exception cref="NatsNoRespondersException">JetStream is not enabled on the server.</exception>
    /// <seealso href="https://docs.nats.io/reference/reference-protocols/nats_api_reference#streams"/>
    public async ValueTask<NatsJSStreamInfo> CreateOrUpdateStreamAsync(NatsJSStreamConfig config, CancellationToken cancellationToken = default)
    {
        var dto = new StreamConfigDto
        {
            Name = config.Name,
            Subjects = [.. config.Subjects],
            Storage = config.Storage == NatsJSStorageType.Memory ? "memory" : "file",
            MaxAge = ToNanos(config.MaxAge),
            DuplicateWindow = ToNanos(config.DuplicateWindow),
            MaxBytes = config.MaxBytes > 0 ? config.MaxBytes : -1,
            MaxMsgs = config.MaxMessages > 0 ? config.MaxMessages : -1,
            MaxMsgsPerSubject = config.MaxMessagesPerSubject > 0 ? config.MaxMessagesPerSubject : -1,
        };
        StreamInfoResponseDto response;
        try
        {
            response = await RequestAsync($"{ApiPrefix}.STREAM.CREATE.{config.Name}", dto, JsJsonContext.Default.StreamConfigDto, JsJsonContext.Default.StreamInfoResponseDto, cancellationToken).ConfigureAwait(false);
        }
        catch (NatsJSApiException ex) when (ex.ErrCode == StreamNameInUse)
        {
            response = await RequestAsync($"{ApiPrefix}.STREAM.UPDATE.{config.Name}", dto, JsJsonContext.Default.StreamConfigDto, JsJsonContext.Default.StreamInfoResponseDto, cancellationToken).ConfigureAwait(false);
        }

        var state = response.State ?? new StreamStateDto();
        return new NatsJSStreamInfo(response.Config?.Name ?? config.Name, state.Messages, state.FirstSeq, state.LastSeq, state.Bytes);
    }

    /// <summary>Deletes a stream and all its messages and consumers.</summary>
    /// <param name="name">Stream name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when deleted; false when no such stream existed.</returns>
    /// <exception cref="NatsJSApiException">Any other API error.</exception>
    public async ValueTask<bool> DeleteStreamAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await RequestAsync<object, DeleteResponseDto>($"{ApiPrefix}.STREAM.DELETE.{name}", null, null!, JsJsonContext.Default.DeleteResponseDto, cancellationToken).ConfigureAwait(false);
            return response.Success;
        }
        catch (NatsJSApiException ex) when (ex.ErrCode == StreamNotFound)
        {
            return false;
        }
    }
}
