namespace Circulation.ExchangeEmulator;

/// <summary>
/// One emulated mailbox: its messages and the state of its limits. Every member takes the mailbox's lock, so the
/// limit checks and what they guard happen atomically.
/// </summary>
public sealed class Mailbox
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, EmulatedMessage> messages = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> sends = new();
    private readonly Queue<(DateTimeOffset At, int Count)> recipients = new();
    private readonly Queue<DateTimeOffset> requests = new();
    private int recipientsInWindow;
    private int inFlight;

    /// <summary>Creates an empty mailbox.</summary>
    public Mailbox(string address) => this.Address = address;

    /// <summary>The mailbox's address (lower case).</summary>
    public string Address { get; }

    /// <summary>
    /// Admits a request: null when it may go on (then <see cref="EndRequest"/> must follow), else the refusal: which limit
    /// and when to come back.
    /// </summary>
    public Refusal? BeginRequest(EmulatorLimits limits, DateTimeOffset now)
    {
        lock (this.gate)
        {
            if (limits.ConcurrentRequests > 0 && this.inFlight >= limits.ConcurrentRequests)
            {
                return new Refusal("MailboxConcurrency", limits.ConcurrencyRetryAfter);
            }

            if (limits.RequestsPerWindow > 0)
            {
                Prune(this.requests, now - limits.RequestWindow);
                if (this.requests.Count >= limits.RequestsPerWindow)
                {
                    return new Refusal("RequestRate", this.requests.Peek() + limits.RequestWindow - now);
                }

                this.requests.Enqueue(now);
            }

            this.inFlight++;
            return null;
        }
    }

    /// <summary>Ends a request admitted by <see cref="BeginRequest"/>.</summary>
    public void EndRequest()
    {
        lock (this.gate)
        {
            this.inFlight--;
        }
    }

    /// <summary>Stores a new draft.</summary>
    public void Add(EmulatedMessage message)
    {
        lock (this.gate)
        {
            this.messages.Add(message.Id, message);
        }
    }

    /// <summary>Runs <paramref name="action"/> on a message under the lock; false when there is no such message.</summary>
    public bool TryUpdate(string id, Action<EmulatedMessage> action)
    {
        lock (this.gate)
        {
            if (!this.messages.TryGetValue(id, out var message))
            {
                return false;
            }

            action(message);
            return true;
        }
    }

    /// <summary>A snapshot of a message's fields through <paramref name="project"/>, or default when it does not exist.</summary>
    public T? Read<T>(string id, Func<EmulatedMessage, T> project)
    {
        lock (this.gate)
        {
            return this.messages.TryGetValue(id, out var message) ? project(message) : default;
        }
    }

    /// <summary>Projections of the messages in <paramref name="folder"/> (null: every folder) that match <paramref name="filter"/>.</summary>
    public List<T> Find<T>(string? folder, Func<EmulatedMessage, bool> filter, Func<EmulatedMessage, T> project)
    {
        lock (this.gate)
        {
            return [.. this.messages.Values.Where(m => (folder is null || m.Folder == folder) && filter(m)).OrderBy(m => m.CreatedAt).Select(project)];
        }
    }

    /// <summary>
    /// Sends a draft (or a message given whole, for sendMail): checks the recipients per message, messages per window and
    /// recipients per window, then moves it to Sent Items. Returns the refusal, or null when sent.
    /// </summary>
    public Refusal? Send(string id, EmulatorLimits limits, DateTimeOffset now)
    {
        lock (this.gate)
        {
            if (!this.messages.TryGetValue(id, out var message))
            {
                return new Refusal("ErrorItemNotFound", TimeSpan.Zero);
            }

            if (message.Folder != "drafts")
            {
                return new Refusal("AlreadySent", TimeSpan.Zero);
            }

            int count = message.AllRecipients.Count();
            if (count == 0)
            {
                return new Refusal("ErrorInvalidRecipients", TimeSpan.Zero);
            }

            if (limits.RecipientsPerMessage > 0 && count > limits.RecipientsPerMessage)
            {
                return new Refusal("ErrorRecipientLimitExceeded", TimeSpan.Zero);
            }

            if (limits.MessagesPerWindow > 0)
            {
                Prune(this.sends, now - limits.MessageWindow);
                if (this.sends.Count >= limits.MessagesPerWindow)
                {
                    return new Refusal("MessageSubmissionRate", this.sends.Peek() + limits.MessageWindow - now);
                }
            }

            if (limits.RecipientsPerWindow > 0)
            {
                while (this.recipients.Count > 0 && this.recipients.Peek().At <= now - limits.RecipientWindow)
                {
                    this.recipientsInWindow -= this.recipients.Dequeue().Count;
                }

                if (this.recipientsInWindow + count > limits.RecipientsPerWindow)
                {
                    var wait = this.recipients.Count > 0 ? this.recipients.Peek().At + limits.RecipientWindow - now : limits.RecipientWindow;
                    return new Refusal("RecipientRateLimit", wait);
                }

                this.recipients.Enqueue((now, count));
                this.recipientsInWindow += count;
            }

            if (limits.MessagesPerWindow > 0)
            {
                this.sends.Enqueue(now);
            }

            message.Folder = "sentitems";
            message.SentAt = now;
            return null;
        }
    }

    /// <summary>Removes a message (a deleted one, or one that sendMail created but could not send); false when there was none.</summary>
    public bool Remove(string id)
    {
        lock (this.gate)
        {
            return this.messages.Remove(id);
        }
    }

    private static void Prune(Queue<DateTimeOffset> times, DateTimeOffset before)
    {
        while (times.Count > 0 && times.Peek() <= before)
        {
            times.Dequeue();
        }
    }
}
