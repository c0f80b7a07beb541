using System.Net;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Registry.Silo.Hosting.DataProtection;

/// <summary>
/// The cluster's Data Protection key ring as one XML blob (Azure Blob storage; Azurite serves it locally), shared by
/// every silo. A write re-reads the blob and appends under its ETag, so silos adding keys at once both land.
/// Written here because no Azure Blob Data Protection package is available to this project.
/// </summary>
internal sealed class BlobXmlRepository(BlobContainerClient container, string blobName = BlobXmlRepository.DefaultBlobName) : IXmlRepository
{
    public const string DefaultBlobName = "keys.xml";

    private const int MaxWriteAttempts = 10;

    private readonly BlobClient _blob = container.GetBlobClient(blobName);
    private bool _containerExists;

    public IReadOnlyCollection<XElement> GetAllElements() => [.. Read().Document.Root?.Elements() ?? []];

    public void StoreElement(XElement element, string friendlyName)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (document, etag) = Read();
            var root = document.Root ?? new XElement("repository");
            if (document.Root is null)
            {
                document.Add(root);
            }

            root.Add(new XElement(element));
            var conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
            try
            {
                _blob.Upload(BinaryData.FromString(document.ToString(SaveOptions.DisableFormatting)), new BlobUploadOptions { Conditions = conditions });
                return;
            }
            catch (RequestFailedException exception) when (attempt < MaxWriteAttempts &&
                exception.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict)
            {
                // Another silo wrote in between: read its version and append again.
            }
        }
    }

    private (XDocument Document, ETag? ETag) Read()
    {
        EnsureContainer();
        try
        {
            var content = _blob.DownloadContent().Value;
            return (XDocument.Parse(content.Content.ToString()), content.Details.ETag);
        }
        catch (RequestFailedException exception) when (exception.Status == (int)HttpStatusCode.NotFound)
        {
            return (new XDocument(), null);
        }
    }

    private void EnsureContainer()
    {
        if (!_containerExists)
        {
            container.CreateIfNotExists();
            _containerExists = true;
        }
    }
}
