using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OrleansFeed.Api.Security.Audit;
using OrleansFeed.Api.Security.Options;

namespace OrleansFeed.Api.Security.ApiKeys;

/// <summary>
/// The API keys in force, looked up by the SHA-256 of the presented key (so lookup time does not depend on how much
/// of a guess matches). Loaded from <see cref="SecurityOptions.ApiKeysFile"/> at construction and re-read when the file
/// changes; a changed file that does not parse keeps the previous keys (both audited). Thread-safe.
/// </summary>
public sealed class ApiKeyStore : IDisposable
{
    private readonly SecurityOptions _options;
    private readonly AuditLog _audit;
    private readonly PhysicalFileProvider? _files;
    private readonly IDisposable? _watch;
    private IReadOnlyDictionary<string, ApiKeyEntry> _keys = new Dictionary<string, ApiKeyEntry>();
    private int _reloads;
    private int _failedReloads;

    /// <summary>Loads the key file, if one is configured, and watches it.</summary>
    /// <param name="options">Security options.</param>
    /// <param name="audit">Audit events.</param>
    /// <exception cref="InvalidDataException">The key file is malformed (the options validator reports this first, at start).</exception>
    public ApiKeyStore(IOptions<SecurityOptions> options, AuditLog audit)
    {
        _options = options.Value;
        _audit = audit;
        if (string.IsNullOrWhiteSpace(_options.ApiKeysFile))
        {
            return;
        }

        var path = Path.GetFullPath(_options.ApiKeysFile);
        _keys = ApiKeyFile.Load(path, _options.Tiers.Keys);
        _audit.ApiKeysLoaded(path, _keys.Count);
        _files = new PhysicalFileProvider(Path.GetDirectoryName(path)!) { UsePollingFileWatcher = true, UseActivePolling = true };
        _watch = ChangeToken.OnChange(() => _files.Watch(Path.GetFileName(path)), () => Reload(path));
    }

    /// <summary>Number of keys in force.</summary>
    public int Count => _keys.Count;

    /// <summary>Times a changed key file was loaded since start.</summary>
    public int Reloads => Volatile.Read(ref _reloads);

    /// <summary>Times a changed key file did not parse (the previous keys stayed in force) since start.</summary>
    public int FailedReloads => Volatile.Read(ref _failedReloads);

    /// <summary>Finds the key a client presented.</summary>
    /// <param name="presented">The header value.</param>
    /// <param name="entry">The key's entry when found.</param>
    /// <returns>True when the key is in force.</returns>
    public bool TryFind(string presented, out ApiKeyEntry entry) =>
        _keys.TryGetValue(ApiKeyFile.HashOf(presented), out entry!);

    /// <inheritdoc />
    public void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
    }

    private void Reload(string path)
    {
        try
        {
            var keys = ApiKeyFile.Load(path, _options.Tiers.Keys);
            Volatile.Write(ref _keys, keys);
            Interlocked.Increment(ref _reloads);
            _audit.ApiKeysLoaded(path, keys.Count);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Interlocked.Increment(ref _failedReloads);
            _audit.ApiKeysReloadFailed(path, ex.Message);
        }
    }
}
