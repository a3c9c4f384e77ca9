namespace Circulation.Mail;

/// <summary>
/// Paces one sending mailbox inside this process, for every letter and every kind of mail at once: at most
/// <see cref="GraphOptions.ConcurrentRequests"/> Graph requests in progress, at most <see cref="GraphOptions.MessagesPerWindow"/>
/// sends per sliding <see cref="GraphOptions.MessageWindow"/>, and a pause of the whole mailbox when Graph answers
/// Retry-After. A send's slot is stamped when the send's answer arrives (or it fails), which is never earlier than
/// the moment the server counted it, so the server's own sliding window never sees one too many.
/// </summary>
public sealed class MailboxPacer : IDisposable
{
    private readonly SemaphoreSlim requests;
    private readonly int messagesPerWindow;
    private readonly TimeSpan window;
    private readonly TimeProvider clock;
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> sent = new();
    private int sending;
    private DateTimeOffset pausedUntil = DateTimeOffset.MinValue;

    /// <summary>Creates the pacer of one mailbox.</summary>
    public MailboxPacer(int concurrentRequests, int messagesPerWindow, TimeSpan window, TimeProvider clock)
    {
        this.requests = new SemaphoreSlim(concurrentRequests, concurrentRequests);
        this.messagesPerWindow = messagesPerWindow;
        this.window = window;
        this.clock = clock;
    }

    /// <summary>Runs one Graph request once the mailbox is not paused and a request slot is free.</summary>
    public async Task<T> RequestAsync<T>(Func<Task<T>> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await this.WaitUnpausedAsync(cancellationToken);
        await this.requests.WaitAsync(cancellationToken);
        try
        {
            return await request();
        }
        finally
        {
            this.requests.Release();
        }
    }

    /// <summary>Runs a send: waits for a place in the message window, then for a request slot.</summary>
    public async Task<T> SendAsync<T>(Func<Task<T>> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        await this.TakeSendSlotAsync(cancellationToken);
        try
        {
            return await this.RequestAsync(send, cancellationToken);
        }
        finally
        {
            lock (this.gate)
            {
                this.sending--;
                this.sent.Enqueue(this.clock.GetUtcNow());
            }
        }
    }

    /// <summary>Holds every request to this mailbox until <paramref name="delay"/> has passed (Graph's Retry-After).</summary>
    public void Pause(TimeSpan delay)
    {
        lock (this.gate)
        {
            var until = this.clock.GetUtcNow() + delay;
            if (until > this.pausedUntil)
            {
                this.pausedUntil = until;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => this.requests.Dispose();

    private async Task WaitUnpausedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (this.gate)
            {
                wait = this.pausedUntil - this.clock.GetUtcNow();
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(wait, this.clock, cancellationToken);
        }
    }

    private async Task TakeSendSlotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (this.gate)
            {
                var now = this.clock.GetUtcNow();
                while (this.sent.Count > 0 && this.sent.Peek() <= now - this.window)
                {
                    this.sent.Dequeue();
                }

                if (this.sending + this.sent.Count < this.messagesPerWindow)
                {
                    this.sending++;
                    return;
                }

                // Full: the oldest stamp leaves the window then; sends still in progress are not stamped yet, so look again soon.
                wait = this.sent.Count > 0 ? this.sent.Peek() + this.window - now : TimeSpan.FromMilliseconds(20);
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, this.clock, cancellationToken);
        }
    }
}
