using System.Diagnostics.CodeAnalysis;

namespace OrleansFeed.Nats;

/// <summary>Root of every exception thrown by the NATS client.</summary>
public class NatsException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed, with key=value context.</param>
    public NatsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">What failed, with key=value context.</param>
    /// <param name="innerException">The cause.</param>
    public NatsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    [DoesNotReturn]
    internal static void ThrowProtocol(string message) => throw new NatsProtocolException(message);
}

/// <summary>The server answered with <c>-ERR</c>.</summary>
/// <seealso href="https://docs.nats.io/reference/reference-protocols/nats-protocol#-err"/>
public sealed class NatsServerException : NatsException
{
    /// <summary>Creates the exception from the server's error text.</summary>
    /// <param name="error">The text between the quotes of <c>-ERR '...'</c>.</param>
    public NatsServerException(string error)
        : base($"NATS server error: error='{error}'")
    {
        Error = error;
        IsAuthError = error.Contains("authorization", StringComparison.OrdinalIgnoreCase)
            || error.Contains("authentication", StringComparison.OrdinalIgnoreCase)
            || error.Contains("user authentication", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The server's error text, e.g. <c>Authorization Violation</c>.</summary>
    public string Error { get; }

    /// <summary>True for authorization/authentication failures (wrong user, password or token, expired user).</summary>
    public bool IsAuthError { get; }
}

/// <summary>The connection is not usable: connect failed, it is closed, or it was lost while waiting.</summary>
public sealed class NatsConnectionException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, with key=value context.</param>
    /// <param name="innerException">The cause, if any.</param>
    public NatsConnectionException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>A publish while reconnecting did not fit in <see cref="NatsOpts.ReconnectBufferSize"/>.</summary>
public sealed class NatsReconnectBufferFullException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="bufferSize">The configured buffer size in bytes.</param>
    public NatsReconnectBufferFullException(int bufferSize)
        : base($"NATS reconnect buffer is full: reconnect_buffer_size={bufferSize} bytes")
    {
    }
}

/// <summary>The server sent bytes that are not valid NATS protocol; the connection is dropped and reconnected.</summary>
public sealed class NatsProtocolException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was malformed.</param>
    public NatsProtocolException(string message)
        : base(message)
    {
    }
}

/// <summary>A request found no subscriber on its subject (the server answered status 503).</summary>
/// <seealso href="https://docs.nats.io/nats-concepts/core-nats/reqreply#no-responders"/>
public sealed class NatsNoRespondersException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The request subject.</param>
    public NatsNoRespondersException(string subject)
        : base($"NATS request found no responders: subject={subject}")
    {
        Subject = subject;
    }

    /// <summary>The request subject.</summary>
    public string Subject { get; }
}

/// <summary>A request got no reply within its timeout.</summary>
public sealed class NatsTimeoutException : NatsException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="subject">The request subject.</param>
    /// <param name="timeout">The timeout that elapsed.</param>
    public NatsTimeoutException(string subject, TimeSpan timeout)
        : base($"NATS request timed out: subject={subject} timeout_ms={(long)timeout.TotalMilliseconds}")
    {
        Subject = subject;
    }

    /// <summary>The request subject.</summary>
    public string Subject { get; }
}
