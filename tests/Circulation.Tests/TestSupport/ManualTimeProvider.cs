namespace Circulation.Tests.TestSupport;

/// <summary>A clock that only moves when a test moves it (a stand-in for FakeTimeProvider, which is not referenced).</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset now;

    public ManualTimeProvider(DateTimeOffset start) => this.now = start;

    public override DateTimeOffset GetUtcNow() => this.now;

    public void SetUtcNow(DateTimeOffset value) => this.now = value;

    public void Advance(TimeSpan delta) => this.now += delta;
}
