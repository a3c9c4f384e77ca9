using GraphMessage = Microsoft.Graph.Models.Message;

namespace Circulation.Mail;

// Look-up: whether a mailbox's folder (Sent Items, Drafts) holds the message with a given internetMessageId.
public sealed partial class GraphMailTransport
{
    private static readonly string[] LookupFields = ["id", "internetMessageId", "isDraft", "sentDateTime"];

    private async Task<GraphMessage?> FindAsync(string mailbox, string folder, string internetMessageId, CancellationToken ct)
    {
        string filter = $"internetMessageId eq '{internetMessageId.Replace("'", "''", StringComparison.Ordinal)}'";
        var page = await this.calls.ExecuteAsync(
            async c => await this.PacedAsync(this.pacers[mailbox], () => this.client.Users[mailbox].MailFolders[folder].Messages.GetAsync(
                r =>
                {
                    r.QueryParameters.Filter = filter;
                    r.QueryParameters.Select = LookupFields;
                    ImmutableIds(r);
                },
                c), c),
            ct);
        return page?.Value?.FirstOrDefault(m => m.Id is not null);
    }
}
