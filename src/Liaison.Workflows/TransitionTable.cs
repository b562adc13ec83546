using System.Collections.Immutable;
using Liaison.Workflow.V1;

namespace Liaison.Workflows;

/// <summary>
/// The explicit state × step × party table of one workflow. A step that has
/// no row for the current status is refused. Immutable and thread-safe.
/// </summary>
/// <typeparam name="TStatus">The workflow's status enum.</typeparam>
public sealed class TransitionTable<TStatus>
    where TStatus : struct, Enum
{
    /// <summary>Builds a table; each (from, step) pair may appear once.</summary>
    public TransitionTable(WorkflowKind kind, IEnumerable<Transition<TStatus>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Kind = kind;
        Rows = [.. rows];
        var duplicate = Rows.GroupBy(r => (r.From, r.Step)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The {kind} table lists {duplicate.Key.Step} from {duplicate.Key.From?.ToString() ?? "the start"} twice.", nameof(rows));
        }
    }

    /// <summary>The workflow this table belongs to.</summary>
    public WorkflowKind Kind { get; }

    /// <summary>Every allowed transition.</summary>
    public ImmutableArray<Transition<TStatus>> Rows { get; }

    /// <summary>The row for <paramref name="step"/> from <paramref name="from"/>, or null when the step is not allowed there.</summary>
    public Transition<TStatus>? Find(TStatus? from, WorkflowEvent.EventOneofCase step) =>
        Rows.FirstOrDefault(r => EqualityComparer<TStatus?>.Default.Equals(r.From, from) && r.Step == step);

    /// <summary>The steps allowed from <paramref name="from"/> (e.g. to offer them to an officer).</summary>
    public IEnumerable<Transition<TStatus>> From(TStatus? from) =>
        Rows.Where(r => EqualityComparer<TStatus?>.Default.Equals(r.From, from));
}
