using Liaison.Workflow.V1;
using Liaison.Workflows.Verification;
using static Liaison.Workflows.Tests.Support.VerificationEvents;

namespace Liaison.Workflows.Tests.Verification;

/// <summary>Which requests the identification deadline applies to, as the periodic report counts them.</summary>
public class IdentificationAppliesTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    private static VerificationState Requested() => VerificationWorkflow.Apply(null, Request(), Party.Initiator, At);

    private static VerificationState Answered(VerificationOutcome outcome, VictimDetermination determination)
    {
        var answer = Answer(outcome, determination);
        if (determination == VictimDetermination.Undetermined)
        {
            answer.VerificationAnswer.Criteria = null;
        }

        return VerificationWorkflow.Apply(Requested(), answer, Party.Responder, At.AddDays(3));
    }

    [Theory]
    [InlineData(VerificationOutcome.Confirmed, VictimDetermination.Victim, true)]
    [InlineData(VerificationOutcome.PartialMatch, VictimDetermination.NotVictim, true)]
    [InlineData(VerificationOutcome.Confirmed, VictimDetermination.Undetermined, true)]
    [InlineData(VerificationOutcome.NotFound, VictimDetermination.Undetermined, false)]
    public void ItAppliesToEveryAnsweredRequestButAPersonNotFound(VerificationOutcome outcome, VictimDetermination determination, bool applies) =>
        Assert.Equal(applies, Answered(outcome, determination).IdentificationApplies);

    [Fact]
    public void ItAppliesWhileUnansweredAndNotOnceWithdrawn()
    {
        Assert.True(Requested().IdentificationApplies);
        Assert.False(VerificationWorkflow.Apply(Requested(), Withdraw(), Party.Initiator, At.AddDays(1)).IdentificationApplies);
    }
}
