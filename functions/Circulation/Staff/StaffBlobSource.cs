using Azure;
using Azure.Storage.Blobs;

namespace Circulation.Staff;

/// <summary>Reads the staff directory from a blob container: staff.json and the signature images it names.</summary>
public static class StaffBlobSource
{
    /// <summary>The blob holding the directory.</summary>
    public const string DirectoryBlobName = "staff.json";

    /// <summary>Loads and validates the directory in <paramref name="container"/>.</summary>
    /// <exception cref="StaffDirectoryException">The container has no staff.json, or the directory has problems.</exception>
    public static async Task<StaffDirectory> LoadAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(container);
        string json;
        try
        {
            var download = await container.GetBlobClient(DirectoryBlobName).DownloadContentAsync(cancellationToken);
            json = download.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new StaffDirectoryException($"The staff directory {container.Name}/{DirectoryBlobName} does not exist: upload it (see README, \"Deploy to Azure\").", ex);
        }

        var images = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
        foreach (string path in StaffDirectory.SignaturePaths(json))
        {
            try
            {
                images[path] = (await container.GetBlobClient(path).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                images[path] = null;
            }
        }

        return StaffDirectory.Parse(json, path => images.GetValueOrDefault(path));
    }
}
