using System.Collections.Immutable;

namespace Liaison.Workflows.Calendar;

/// <summary>
/// A holiday file was rejected. <see cref="Errors"/> lists every problem found, each starting with its
/// JSON path (for example <c>countries[0].years[1].holidays[3].date</c>), so an operator can fix them all in one pass.
/// </summary>
public sealed class HolidayDataException : Exception
{
    public HolidayDataException()
        : this("The holiday data is invalid.", [])
    {
    }

    public HolidayDataException(string message)
        : this(message, [])
    {
    }

    public HolidayDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public HolidayDataException(string message, ImmutableArray<string> errors)
        : base(errors.IsDefaultOrEmpty ? message : message + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors.IsDefault ? [] : errors;
    }

    /// <summary>Each problem, one sentence with its JSON path.</summary>
    public ImmutableArray<string> Errors { get; }
}
