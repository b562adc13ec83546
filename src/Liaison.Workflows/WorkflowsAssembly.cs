namespace Liaison.Workflows;

/// <summary>Marker for the workflows assembly (reflection in convention tests).</summary>
public static class WorkflowsAssembly
{
    public static System.Reflection.Assembly Assembly => typeof(WorkflowsAssembly).Assembly;
}
