using Circulation.Approval;
using Microsoft.DurableTask;

namespace Circulation.Workflow;

/// <summary>How the workflow e-mails a link: the first request, a reminder, or the request to a replacement.</summary>
internal static class LinkRequests
{
    /// <summary>Sends <paramref name="request"/> (<see cref="SendLinkRequest"/>); returns why it could not be delivered, or null once it was.</summary>
    public static async Task<string?> SendAsync(TaskOrchestrationContext context, LinkRequest request)
    {
        try
        {
            await context.CallActivityAsync(nameof(SendLinkRequest), request, WorkflowRetries.Mail);
            return null;
        }
        catch (TaskFailedException ex)
        {
            return ex.FailureDetails?.ErrorMessage ?? ex.Message;
        }
    }
}
