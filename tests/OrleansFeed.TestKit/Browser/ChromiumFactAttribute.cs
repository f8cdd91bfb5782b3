using Xunit;

namespace OrleansFeed.TestKit.Browser;

/// <summary>
/// A fact that needs the system Chromium: skipped with a clear reason when it is missing locally; when <c>CI=true</c>
/// it is never skipped, so the launch fails the test instead (.ci/run installs <c>chromium</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Chromium is missing outside CI.</summary>
    public ChromiumFactAttribute()
    {
        if (ChromiumBinary.Find() is null && !ChromiumBinary.IsCi)
        {
            Skip = "chromium not installed (apt-get install -y chromium); required when CI=true.";
        }
    }
}
