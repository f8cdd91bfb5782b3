namespace OrleansFeed.Nats.Js;

/// <summary>The JetStream API answered with an error object.</summary>
/// <seealso href="https://github.com/nats-io/nats-server/blob/main/server/errors.json"/>
public sealed class NatsJSApiException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">HTTP-like status code (e.g. 400, 404, 503).</param>
    /// <param name="errCode">JetStream error code (e.g. 10059 stream not found).</param>
    /// <param name="description">Server's description.</param>
    public NatsJSApiException(int code, int errCode, string description)
        : base($"JetStream API error: code={code} err_code={errCode} description='{description}'")
    {
        Code = code;
        ErrCode = errCode;
        Description = description;
    }

    /// <summary>HTTP-like status code.</summary>
    public int Code { get; }

    /// <summary>JetStream error code (10058 stream name in use, 10059 stream not found, 10014 consumer not found).</summary>
    public int ErrCode { get; }

    /// <summary>Server's description.</summary>
    public string Description { get; }
}
