using Liaison.Workflow.V1;

namespace Liaison.Workflows.Tests;

public class PartyEnumTests
{
    [Fact]
    public void ThePartyEnumStartsWithUnspecified() => Assert.Equal(0, (int)Party.Unspecified);
}
