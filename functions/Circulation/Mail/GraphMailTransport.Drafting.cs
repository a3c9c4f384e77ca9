using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models;
using Microsoft.Graph.Users.Item.Messages.Item.Attachments.CreateUploadSession;
using GraphMessage = Microsoft.Graph.Models.Message;

namespace Circulation.Mail;

// Drafting: the draft with the message's fixed identity, its attachments (inline, or through an upload session above
// 3 MB), and the drafts left in mailboxes the message did not go from.
public sealed partial class GraphMailTransport
{
    /// <summary>After the message went from <paramref name="sentFrom"/>, deletes its drafts in other mailboxes (best effort: they are never sent).</summary>
    private async Task DeleteLeftoverDraftsAsync(Dictionary<string, GraphMessage> drafts, string sentFrom, string internetMessageId, CancellationToken ct)
    {
        foreach (var (mailbox, draft) in drafts.Where(d => !string.Equals(d.Key, sentFrom, StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                await this.calls.ExecuteAsync(
                    async c => await this.PacedAsync(
                        this.pacers[mailbox],
                        async () =>
                        {
                            await this.client.Users[mailbox].Messages[draft.Id].DeleteAsync(cancellationToken: c);
                            return true;
                        },
                        c),
                    ct);
                this.LogLeftoverDeleted(internetMessageId, mailbox);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                this.LogLeftoverKept(internetMessageId, mailbox, Describe(ex));
            }
        }
    }

    private async Task<GraphMessage> CreateDraftAsync(OutgoingMail mail, string mailbox, string internetMessageId, MailboxPacer pacer, CancellationToken ct)
    {
        long total = mail.Attachments.Sum(a => (long)a.Content.Length);
        bool inline = total <= MaxInlineAttachmentBytes;
        var headers = new List<InternetMessageHeader> { new() { Name = IdentityHeader, Value = mail.MessageId } };
        foreach (var (name, value) in mail.Headers ?? new Dictionary<string, string>())
        {
            headers.Add(new InternetMessageHeader { Name = name, Value = value });
        }

        // A new model for every call: Kiota's backing store serializes only what changed since the last serialization,
        // so a model sent once and sent again (a retried call) would go out nearly empty.
        GraphMessage Draft()
        {
            var draft = new GraphMessage
            {
                Subject = mail.Subject,
                Body = mail.HtmlBody is null
                    ? new ItemBody { ContentType = BodyType.Text, Content = mail.TextBody }
                    : new ItemBody { ContentType = BodyType.Html, Content = mail.HtmlBody },
                ToRecipients = [new Recipient { EmailAddress = new EmailAddress { Address = mail.To, Name = mail.ToName } }],
                InternetMessageId = internetMessageId,
                InternetMessageHeaders = headers,
            };

            // Never assigned null: the backing store writes a property set to null as "name": null, and at times twice
            // (microsoft/kiota-dotnet#535), and an OData reader refuses a property given twice.
            if (inline)
            {
                draft.Attachments = [.. mail.Attachments.Select(ToGraph)];
            }

            return draft;
        }
        var created = await this.calls.ExecuteAsync(
            async c => await this.PacedAsync(pacer, () => this.client.Users[mailbox].Messages.PostAsync(Draft(), r => ImmutableIds(r), c), c),
            ct) ?? throw new MailDeliveryException($"Graph created no draft for {internetMessageId}.");
        if (!inline)
        {
            await this.CompleteAttachmentsAsync(mailbox, created.Id!, mail.Attachments, pacer, ct);
        }

        return created;
    }

    /// <summary>Adds each attachment the draft does not have yet (by name): up to 3 MB in one call, above through an upload session.</summary>
    private async Task CompleteAttachmentsAsync(string mailbox, string draftId, IReadOnlyList<MailAttachment> attachments, MailboxPacer pacer, CancellationToken ct)
    {
        if (attachments.Count == 0)
        {
            return;
        }

        var onDraft = this.client.Users[mailbox].Messages[draftId].Attachments;
        var present = await this.calls.ExecuteAsync(
            async c => await this.PacedAsync(pacer, () => onDraft.GetAsync(r => r.QueryParameters.Select = ["id", "name", "size"], c), c),
            ct);
        var names = new HashSet<string>((present?.Value ?? []).Select(a => a.Name ?? ""), StringComparer.Ordinal);
        foreach (var attachment in attachments.Where(a => !names.Contains(a.FileName)))
        {
            if (attachment.Content.Length <= MaxInlineAttachmentBytes)
            {
                await this.calls.ExecuteAsync(
                    async c => await this.PacedAsync(pacer, () => onDraft.PostAsync(ToGraph(attachment), cancellationToken: c), c),
                    ct);
                continue;
            }

            var session = await this.calls.ExecuteAsync(
                async c => await this.PacedAsync(pacer, () => onDraft.CreateUploadSession.PostAsync(
                    new CreateUploadSessionPostRequestBody
                    {
                        AttachmentItem = new AttachmentItem
                        {
                            AttachmentType = AttachmentType.File, Name = attachment.FileName, Size = attachment.Content.Length, ContentType = attachment.ContentType,
                        },
                    },
                    cancellationToken: c), c),
                ct);
            await this.UploadAsync(new Uri(session?.UploadUrl ?? throw new MailDeliveryException("Graph returned no upload URL.")), attachment.Content, ct);
            this.LogUploaded(attachment.FileName, attachment.Content.Length, mailbox);
        }
    }

    /// <summary>PUTs the bytes in slices to the upload URL, which carries its own authorization (no bearer token goes there).</summary>
    private async Task UploadAsync(Uri uploadUrl, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        for (int start = 0; start < content.Length; start += UploadSliceBytes)
        {
            int length = Math.Min(UploadSliceBytes, content.Length - start);
            using var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ReadOnlyMemoryContent(content.Slice(start, length)) };
            request.Content.Headers.ContentRange = new ContentRangeHeaderValue(start, start + length - 1, content.Length);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await this.uploadHttp.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode)
            {
                string body = await response.Content.ReadAsStringAsync(ct);
                int status = (int)response.StatusCode;
                throw status is 429 or >= 500
                    ? new HttpRequestException($"The upload slice at {start} got {status}: {body}", null, response.StatusCode)
                    : new MailRefusedException($"The upload slice at {start} was refused ({status}): {body}");
            }
        }
    }

    private static FileAttachment ToGraph(MailAttachment attachment) => new()
    {
        Name = attachment.FileName,
        ContentType = attachment.ContentType,
        ContentBytes = attachment.Content.ToArray(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the draft of {InternetMessageId} left in {Mailbox}, which it did not go from")]
    private partial void LogLeftoverDeleted(string internetMessageId, string mailbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The draft of {InternetMessageId} left in {Mailbox} could not be deleted (it is never sent): {Reason}")]
    private partial void LogLeftoverKept(string internetMessageId, string mailbox, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {FileName} ({Bytes} bytes) through an upload session in {Mailbox}")]
    private partial void LogUploaded(string fileName, int bytes, string mailbox);
}
