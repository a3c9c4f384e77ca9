namespace Circulation.Tests.TestSupport;

/// <summary>Files of the repository the tests run from (found by walking up to Circulation.sln).</summary>
public static class RepositoryFiles
{
    /// <summary>The repository's root folder.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Circulation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Circulation.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The full path of <paramref name="relative"/> ("/"-separated, from the root).</summary>
    public static string PathOf(string relative) => Path.Combine([Root(), .. relative.Split('/')]);
}
