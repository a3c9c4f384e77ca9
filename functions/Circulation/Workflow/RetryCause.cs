namespace Circulation.Workflow;

/// <summary>Why a mission's copy is handed back to the workflow to be tried again.</summary>
public enum RetryCause
{
    /// <summary>The mail service did not take it this time (throttled, unavailable, timed out).</summary>
    Mail,

    /// <summary>Storage failed around the send (reading the package or writing the outcome): never the mission's failure.</summary>
    Storage,

    /// <summary>Every sending mailbox has used its recipient budget: try again once one has room.</summary>
    MailboxBudget,
}
